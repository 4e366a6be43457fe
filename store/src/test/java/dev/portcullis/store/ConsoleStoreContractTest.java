package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.iam.store.SignInCounterStore;
import dev.portcullis.iam.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Console sessions and sign-in counters (V096), on SQLite and PostgreSQL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ConsoleStoreContractTest {
  private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_000L);
  private Store store;

  abstract Store openStore();

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static ConsoleSessionRecord session(String hash, Instant expires) {
    return new ConsoleSessionRecord(hash, "123456789012",
        ConsoleSessionRecord.Principal.IAM_USER, "AIDA1", ConsoleSessionRecord.Stage.ACTIVE,
        NOW, NOW, NOW, expires);
  }

  @Test
  void sessions_areFoundByDigestTouchedAndEnded() {
    store.writeUsage(tx -> {
      tx.consoleSessions().insert(session("h1", NOW.plus(Duration.ofHours(12))));
      tx.consoleSessions().insert(session("h2", NOW.plusSeconds(1)));
      return null;
    });
    store.writeUsage(tx -> {
      tx.consoleSessions().touch("h1", NOW.plusSeconds(60));
      return null;
    });
    Optional<ConsoleSessionRecord> found = store.read(tx -> tx.consoleSessions().find("h1"));
    assertThat(found.orElseThrow().lastSeenAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(found.get().mfaAuthenticatedAt()).isEqualTo(NOW);
    int removed = store.writeUsage(tx -> tx.consoleSessions().deleteExpired(NOW.plusSeconds(5)));
    assertThat(removed).isEqualTo(1);
    store.writeUsage(tx -> {
      tx.consoleSessions().delete("h1");
      return null;
    });
    Optional<ConsoleSessionRecord> gone = store.read(tx -> tx.consoleSessions().find("h1"));
    assertThat(gone).isEmpty();
  }

  @Test
  void counters_countFailuresStartAgainAfterTheWindowAndResetOnSuccess() {
    Instant old = NOW.minus(Duration.ofHours(1));
    assertThat(add("k", NOW, old)).isEqualTo(1);
    assertThat(add("k", NOW.plusSeconds(1), old)).isEqualTo(2);
    assertThat(add("k", NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofMinutes(90))))
        .as("the last failure is older than the window").isEqualTo(1);
    store.writeUsage(tx -> {
      tx.signInCounters().lockUntil("k", NOW.plus(Duration.ofHours(3)));
      return null;
    });
    assertThat(counter("k").lockedUntil()).isEqualTo(NOW.plus(Duration.ofHours(3)));
    store.writeUsage(tx -> {
      tx.signInCounters().reset("k", NOW.plus(Duration.ofHours(4)), true);
      tx.signInCounters().reset("new", NOW.plus(Duration.ofHours(4)), true);
      return null;
    });
    assertThat(counter("k").failures()).isZero();
    assertThat(counter("k").lockedUntil()).isNull();
    assertThat(counter("new").lastSuccessAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
  }

  @Test
  void prune_removesOnlyCountersWithNeitherARecentFailureNorARecentSuccess() {
    add("old", NOW, NOW.minusSeconds(1));
    add("recent", NOW.plus(Duration.ofHours(20)), NOW);
    store.writeUsage(tx -> {
      tx.signInCounters().reset("known", NOW, true);
      return null;
    });
    int removed = store.writeUsage(tx -> tx.signInCounters().prune(
        NOW.plus(Duration.ofHours(12)), NOW.minus(Duration.ofDays(30))));
    assertThat(removed).isEqualTo(1);
    Optional<SignInCounterStore.Counter> old = store.read(tx -> tx.signInCounters().find("old"));
    assertThat(old).isEmpty();
    assertThat(counter("recent").failures()).isEqualTo(1);
    assertThat(counter("known").lastSuccessAt()).isEqualTo(NOW);
  }

  @Test
  void counters_addedAtOnceFromManyThreads_loseNoFailure() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> adds = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        adds.add(pool.submit(() -> add("shared", NOW, NOW.minusSeconds(3600))));
      }
      for (Future<Integer> f : adds) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(counter("shared").failures()).isEqualTo(40);
  }

  private int add(String key, Instant at, Instant resetBefore) {
    return store.writeUsage(tx -> tx.signInCounters().addFailure(key, at, resetBefore));
  }

  private SignInCounterStore.Counter counter(String key) {
    return store.read(tx -> tx.signInCounters().find(key)).orElseThrow();
  }
}
