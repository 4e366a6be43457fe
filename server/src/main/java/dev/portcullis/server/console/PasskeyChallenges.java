package dev.portcullis.server.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebAuthn challenges a console session is waiting on, one per ceremony (sign-in or
 * registration): 32 fresh random bytes, kept on the server keyed by the session's token hash,
 * taken (removed) by the first response that arrives, so each challenge answers one ceremony at
 * most. Kept in this node's memory: a browser's options and its answer go to the same node
 * within minutes, and a node that restarted meanwhile simply asks for a new ceremony.
 */
final class PasskeyChallenges {
  /** As long as the options' timeout gives the person (PasskeyOptions: five minutes). */
  static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final int BYTES = 32;
  /** A bound on memory: past it, expired entries go first, then the request is refused. */
  static final int MAX_PENDING = 10_000;
  /** What a page says instead of offering a passkey while every slot is taken. */
  static final String BUSY = "Passkeys are busy on this server. Reload this page in a few "
      + "minutes to use one.";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxPending;

  PasskeyChallenges(Clock clock) {
    this(clock, MAX_PENDING);
  }

  PasskeyChallenges(Clock clock, int maxPending) {
    this.clock = clock;
    this.maxPending = maxPending;
  }

  /** What a ceremony is for; one challenge of each per session at a time. */
  enum Ceremony { SIGN_IN, REGISTER }

  private record Pending(byte[] challenge, Instant expiresAt) {}

  /**
   * A new challenge for {@code session}'s {@code ceremony}, replacing any earlier one; empty
   * while every slot holds a live one (the page then offers no passkey: not a 500, and other
   * ceremonies under way are not pushed out).
   */
  Optional<byte[]> issue(ConsoleSessions.Found session, Ceremony ceremony) {
    Instant now = clock.instant();
    if (pending.size() >= maxPending && !pending.containsKey(key(session, ceremony))) {
      pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
      if (pending.size() >= maxPending) {
        return Optional.empty();
      }
    }
    byte[] challenge = new byte[BYTES];
    RANDOM.nextBytes(challenge);
    pending.put(key(session, ceremony), new Pending(challenge.clone(), now.plus(LIFETIME)));
    return Optional.of(challenge);
  }

  /** The session's live challenge for {@code ceremony}, removed: a second take finds none. */
  Optional<byte[]> take(ConsoleSessions.Found session, Ceremony ceremony) {
    Pending p = pending.remove(key(session, ceremony));
    return p == null || !clock.instant().isBefore(p.expiresAt()) ? Optional.empty()
        : Optional.of(p.challenge());
  }

  private static String key(ConsoleSessions.Found session, Ceremony ceremony) {
    return session.record().tokenHash() + "/" + ceremony;
  }
}
