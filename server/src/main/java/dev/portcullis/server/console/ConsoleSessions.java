package dev.portcullis.server.console;

import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.iam.store.Store;
import dev.portcullis.server.http.RawRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Console sessions: made at each step of a sign-in with a new token (so no token from before a
 * step, least of all one an attacker planted, ever becomes a signed-in one), found by the
 * cookie's token, and ended when idle too long, too old, or signed out. All limits are checked
 * here on the server, whatever the cookie's own lifetime.
 */
final class ConsoleSessions {
  /** How long a sign-in may wait between its password and its MFA code or new password. */
  static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
  /** Activity is recorded at most this often per session: a page view is not a write. */
  private static final Duration TOUCH_EVERY = Duration.ofSeconds(15);
  private final Store store;
  private final Clock clock;
  private final ConsoleConfig config;

  ConsoleSessions(Store store, Clock clock, ConsoleConfig config) {
    this.store = store;
    this.clock = clock;
    this.config = config;
  }

  /** A session found by its cookie, with the token the cookie holds. */
  record Found(String token, ConsoleSessionRecord record) {
    String csrf() {
      return SessionTokens.csrf(token);
    }
  }

  ConsoleConfig config() {
    return config;
  }

  /** Starts a session at {@code stage}; returns it with its new token. */
  Found start(String accountId, ConsoleSessionRecord.Principal type, String principalId,
      ConsoleSessionRecord.Stage stage, Instant mfaAuthenticatedAt) {
    String token = SessionTokens.newToken();
    Instant now = clock.instant();
    Duration lifetime = stage == ConsoleSessionRecord.Stage.ACTIVE ? config.maxLifetime()
        : PENDING_LIFETIME;
    ConsoleSessionRecord record = new ConsoleSessionRecord(SessionTokens.hash(token), accountId,
        type, principalId, stage, mfaAuthenticatedAt, now, now, now.plus(lifetime));
    store.writeUsage(tx -> {
      tx.consoleSessions().deleteExpired(now);
      tx.consoleSessions().insert(record);
      return null;
    });
    return new Found(token, record);
  }

  /** Ends {@code old} and starts its next stage under a new token. */
  Found advance(Found old, ConsoleSessionRecord.Stage next, Instant mfaAuthenticatedAt) {
    end(old.token());
    ConsoleSessionRecord r = old.record();
    return start(r.accountId(), r.principalType(), r.principalId(), next, mfaAuthenticatedAt);
  }

  /** The live session the request's cookie names, recording its activity; else empty. */
  Optional<Found> find(RawRequest request) {
    String token = ConsoleHttp.cookie(request, ConsoleHttp.SESSION_COOKIE);
    if (token == null || token.isEmpty() || token.length() > 64) {
      return Optional.empty();
    }
    String hash = SessionTokens.hash(token);
    Optional<ConsoleSessionRecord> found = store.read(tx -> tx.consoleSessions().find(hash));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ConsoleSessionRecord r = found.get();
    Instant now = clock.instant();
    Duration idle = r.stage() == ConsoleSessionRecord.Stage.ACTIVE ? config.idleTimeout()
        : PENDING_LIFETIME;
    if (!now.isBefore(r.expiresAt()) || !now.isBefore(r.lastSeenAt().plus(idle))) {
      end(token);
      return Optional.empty();
    }
    if (!now.isBefore(r.lastSeenAt().plus(TOUCH_EVERY))) {
      store.writeUsage(tx -> {
        tx.consoleSessions().touch(hash, now);
        return null;
      });
    }
    return Optional.of(new Found(token, r));
  }

  /** Ends the session of {@code token} on the server (sign-out, expiry, a step). */
  void end(String token) {
    String hash = SessionTokens.hash(token);
    store.writeUsage(tx -> {
      tx.consoleSessions().delete(hash);
      return null;
    });
  }
}
