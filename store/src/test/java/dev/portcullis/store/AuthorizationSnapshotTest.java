package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.authz.AuthorizationSnapshot;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.InlinePolicy;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-memory view authorization reads, on a real store: fresh after writes, loaded once. */
class AuthorizationSnapshotTest {
  private static final String ACCOUNT = "123456789012";
  private static final String ALLOW = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
  private JdbcStore jdbc;
  private CountingStore store;
  private AuthorizationSnapshot snapshot;

  @BeforeEach
  void open() {
    jdbc = Databases.freshSqlite();
    store = new CountingStore(jdbc);
    snapshot = new AuthorizationSnapshot(store, Clock.systemUTC(),
        new PolicyLibrary(ManagedPolicyCatalog::bundled));
    store.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, Instant.now()));
      tx.users().insert(new User(ACCOUNT, "AIDA1", "ann", "/", Instant.now(), null, null));
      return null;
    });
  }

  @AfterEach
  void close() {
    jdbc.close();
  }

  @Test
  void user_isServedFromMemoryUntilAWrite_thenReloaded() {
    assertThat(policies()).isEmpty();
    int reads = store.reads.get();
    assertThat(policies()).isEmpty();
    assertThat(store.reads.get()).isEqualTo(reads);

    store.write(tx -> {
      tx.inlinePolicies().put(ACCOUNT, PrincipalKind.USER, "AIDA1",
          new InlinePolicy("get", ALLOW));
      return null;
    });

    assertThat(policies()).hasSize(1);
  }

  @Test
  void useOnlyWrites_leaveTheSnapshotValid() {
    policies();
    int reads = store.reads.get();

    store.writeUsage(tx -> null);

    policies();
    assertThat(store.reads.get()).isEqualTo(reads);
  }

  @Test
  void concurrentRequestsForAStaleEntry_loadItOnce() throws Exception {
    policies();
    store.write(tx -> null);
    int reads = store.reads.get();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    store.slowReads = true;
    List<Future<Integer>> sizes = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      sizes.add(pool.submit(() -> {
        start.await();
        return policies().size();
      }));
    }
    start.countDown();
    for (Future<Integer> size : sizes) {
      assertThat(size.get()).isZero();
    }
    pool.shutdown();

    assertThat(store.reads.get() - reads).isEqualTo(1);
  }

  private List<?> policies() {
    return snapshot.user(ACCOUNT, "AIDA1").orElseThrow().policies().identity();
  }

  /** Counts reads, and can make them slow enough for concurrent callers to meet. */
  private static final class CountingStore implements Store {
    private final Store inner;
    final AtomicInteger reads = new AtomicInteger();
    volatile boolean slowReads;

    CountingStore(Store inner) {
      this.inner = inner;
    }

    @Override
    public <T> T write(Function<StoreTx, T> work) {
      return inner.write(work);
    }

    @Override
    public <T> T writeUsage(Function<StoreTx, T> work) {
      return inner.writeUsage(work);
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
      reads.incrementAndGet();
      if (slowReads) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return inner.read(work);
    }

    @Override
    public long generation() {
      return inner.generation();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
