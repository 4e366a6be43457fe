package dev.portcullis.server.console;

import dev.portcullis.iam.store.SignInCounterStore;
import dev.portcullis.iam.store.Store;
import dev.portcullis.server.http.ConnectionCaps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throttling and lockout of console sign-in, counted in the database so that every node on it
 * shares the counts. Three counters, each with free failures and then growing waits:
 *
 * <ul>
 *   <li>a user name from one address: 5 free, then 1 minute doubling to at most 15;
 *   <li>a user name from anywhere: 30 free (Keycloak's failureFactor), then 1 more minute per
 *       failure (Keycloak's waitIncrement) to at most 15 (its maxFailureWait); an address that
 *       signed this user in within 30 days is exempt, so an attacker elsewhere cannot keep the
 *       user out;
 *   <li>one address for every user name (password spraying): 100 free, then as the first;
 *       a user who signed in from the address within 30 days is exempt too, so an attacker
 *       behind the same NAT or proxy cannot keep its users out.
 * </ul>
 *
 * An IPv6 source is counted by its /64 network (one host routinely has all of it).
 * Counts start again after 12 hours without a failure (Keycloak's maxDeltaTime) and a success
 * clears the user's counters. Waits never exceed 15 minutes, so no one is locked out for long;
 * with them, at most about 100 failures a day reach one account from new addresses, NIST SP
 * 800-63B's limit of consecutive failures. Keys are SHA-256 digests: no typed name is stored.
 */
final class SignInThrottle {
  static final Duration MAX_WAIT = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofHours(12);
  static final Duration KNOWN_ADDRESS = Duration.ofDays(30);
  static final int PAIR_FREE = 5;
  static final int USER_FREE = 30;
  static final int ADDRESS_FREE = 100;
  /** How often a node removes counters that no longer matter (names sprayed once). */
  static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
  private final Store store;
  private final Clock clock;
  private final AtomicLong nextPrune = new AtomicLong();

  SignInThrottle(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The wait still to run before {@code userName} may try again from {@code address}. */
  Optional<Duration> wait(String accountId, String userName, String address) {
    Instant now = clock.instant();
    Keys k = Keys.of(accountId, userName, address);
    return store.read(tx -> {
      SignInCounterStore counters = tx.signInCounters();
      Optional<SignInCounterStore.Counter> pair = counters.find(k.pair);
      boolean known = pair.map(c -> c.lastSuccessAt() != null
          && c.lastSuccessAt().isAfter(now.minus(KNOWN_ADDRESS))).orElse(false);
      // A known pair answers only to its own count: the address's (spraying) count is shared
      // by everyone behind one NAT or proxy, where one attacker could otherwise keep every
      // colleague out; the pair's own waits still bound guesses at this user from here.
      List<Optional<SignInCounterStore.Counter>> applying = known
          ? List.of(pair)
          : List.of(pair, counters.find(k.user), counters.find(k.address));
      Duration longest = Duration.ZERO;
      for (Optional<SignInCounterStore.Counter> c : applying) {
        if (c.isPresent() && c.get().lockedUntil() != null
            && c.get().lockedUntil().isAfter(now)) {
          Duration left = Duration.between(now, c.get().lockedUntil());
          longest = left.compareTo(longest) > 0 ? left : longest;
        }
      }
      return longest.isZero() ? Optional.<Duration>empty() : Optional.of(longest);
    });
  }

  /** Counts a failed sign-in and sets the waits it earns. */
  void failed(String accountId, String userName, String address) {
    Instant now = clock.instant();
    Keys k = Keys.of(accountId, userName, address);
    Instant forgetBefore = now.minus(FORGET_AFTER);
    store.writeUsage(tx -> {
      SignInCounterStore counters = tx.signInCounters();
      lockIfDue(counters, k.pair, counters.addFailure(k.pair, now, forgetBefore), PAIR_FREE,
          true, now);
      lockIfDue(counters, k.user, counters.addFailure(k.user, now, forgetBefore), USER_FREE,
          false, now);
      lockIfDue(counters, k.address, counters.addFailure(k.address, now, forgetBefore),
          ADDRESS_FREE, true, now);
      return null;
    });
    pruneIfDue(now);
  }

  /**
   * Removes counters forgotten anyway (no failure for 12 hours, no success for 30 days), at
   * most once per {@link #PRUNE_EVERY} per node: user names sprayed once would otherwise
   * leave a row each for good.
   */
  private void pruneIfDue(Instant now) {
    long due = nextPrune.get();
    if (now.toEpochMilli() < due
        || !nextPrune.compareAndSet(due, now.plus(PRUNE_EVERY).toEpochMilli())) {
      return;
    }
    store.writeUsage(tx -> tx.signInCounters().prune(now.minus(FORGET_AFTER),
        now.minus(KNOWN_ADDRESS)));
  }

  /** A success: the user's counters start again and the address becomes a known one. */
  void succeeded(String accountId, String userName, String address) {
    Instant now = clock.instant();
    Keys k = Keys.of(accountId, userName, address);
    store.writeUsage(tx -> {
      tx.signInCounters().reset(k.pair, now, true);
      tx.signInCounters().reset(k.user, now, false);
      return null;
    });
  }

  private static void lockIfDue(SignInCounterStore counters, String key, int failures,
      int free, boolean doubling, Instant now) {
    int over = failures - free;
    if (over <= 0) {
      return;
    }
    Duration wait = doubling ? Duration.ofMinutes(1L << Math.min(over - 1, 4))
        : Duration.ofMinutes(over);
    counters.lockUntil(key, now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait));
  }

  /** The three counters' keys: digests, so the table holds no typed name or address. */
  private record Keys(String pair, String user, String address) {
    static Keys of(String accountId, String userName, String address) {
      String name = userName.toLowerCase(Locale.ROOT);
      // An IPv6 host routinely has a whole /64: counted by single addresses, one attacker
      // would be a new source at every try.
      String source = address == null ? "" : ConnectionCaps.sourceKey(address);
      return new Keys(digest("pair", accountId, name, source), digest("user", accountId, name),
          digest("address", source));
    }

    private static String digest(String... parts) {
      return HexFormat.of().formatHex(SessionTokens.sha256(String.join("\n", parts)));
    }
  }
}
