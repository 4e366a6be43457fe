package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.authz.AuthorizationSnapshot;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.InlinePolicy;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.User;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Two stores on one PostgreSQL database, as two nodes: a change committed through one is heard
 * by the other at once. The fallback bound is set to a minute, so nothing here can pass by it.
 */
class PostgresChangeFeedTest {
  private static final String ACCOUNT = "123456789012";
  private static final Propagation NOTIFIED = Propagation.DEFAULT
      .withMaxStaleness(Duration.ofMinutes(1));
  /** Well under the fallback bound, and far above the delivery time of a notification. */
  private static final long PROMPT_MILLIS = 5_000;
  private final List<AutoCloseable> open = new ArrayList<>();
  private String url;
  private JdbcStore a;
  private JdbcStore b;

  @BeforeEach
  void open() {
    url = Databases.freshPostgresUrl();
    a = store(NOTIFIED);
    b = store(NOTIFIED);
    a.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, Instant.now()));
      tx.users().insert(new User(ACCOUNT, "AIDA1", "ann", "/", Instant.now(), null, null));
      return null;
    });
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void writeOnOneNode_whenCommitted_movesTheOtherNodesGenerationPromptly() {
    long before = b.generation();

    insertUser(a, "AIDA2", "bob");

    assertThat(awaitChange(b::generation, before)).isTrue();
  }

  @Test
  void snapshotOnOtherNode_whenAPolicyIsAdded_reloadsBeforeTheFallbackBound() {
    AuthorizationSnapshot onB = new AuthorizationSnapshot(b, Clock.systemUTC(),
        new PolicyLibrary(ManagedPolicyCatalog::bundled));
    assertThat(policiesOfAnn(onB)).isZero();

    addDenyToAnn();

    assertThat(awaitChange(() -> policiesOfAnn(onB), 0)).isTrue();
  }

  @Test
  void withoutNotifications_otherNodesGenerationStays() throws Exception {
    JdbcStore quiet = store(new Propagation(false, Duration.ofMinutes(1)));
    long before = quiet.generation();

    insertUser(a, "AIDA2", "bob");
    // b hears the write, so it was delivered to every listener by now
    awaitChange(b::generation, b.generation() - 1);
    Thread.sleep(200);

    assertThat(quiet.generation()).isEqualTo(before);
  }

  @Test
  void snapshotOnOtherNode_withoutNotifications_reloadsOnceTheFallbackBoundPasses() {
    JdbcStore quiet = store(new Propagation(false, Duration.ofMinutes(1)));
    StepClock clock = new StepClock();
    AuthorizationSnapshot onQuiet = new AuthorizationSnapshot(quiet, clock,
        new PolicyLibrary(ManagedPolicyCatalog::bundled));
    assertThat(policiesOfAnn(onQuiet)).isZero();

    addDenyToAnn();
    clock.advance(Duration.ofSeconds(59));
    long beforeTheBound = policiesOfAnn(onQuiet);
    clock.advance(Duration.ofSeconds(2));

    assertThat(beforeTheBound).isZero();
    assertThat(policiesOfAnn(onQuiet)).isEqualTo(1);
  }

  @Test
  void snapshotOnOtherNode_withoutNotifications_whenTheClockStepsBack_stillReloadsWithinTheBound() {
    JdbcStore quiet = store(new Propagation(false, Duration.ofMinutes(1)));
    StepClock clock = new StepClock();
    AuthorizationSnapshot onQuiet = new AuthorizationSnapshot(quiet, clock,
        new PolicyLibrary(ManagedPolicyCatalog::bundled));
    assertThat(policiesOfAnn(onQuiet)).isZero();

    // The host's clock is stepped back an hour (NTP, an operator), then the bound passes.
    clock.advance(Duration.ofHours(-1));
    addDenyToAnn();
    clock.advance(Duration.ofSeconds(61));

    // Before: the view's age was negative for the next hour, so the Deny was not seen.
    assertThat(policiesOfAnn(onQuiet)).isEqualTo(1);
  }

  @Test
  void writeThatRollsBack_notifiesNobody_andOwnNotificationsAreIgnored() throws Exception {
    try (Connection raw = DriverManager.getConnection(url, "postgres", "postgres");
        Statement st = raw.createStatement()) {
      st.execute("LISTEN " + PostgresChangeFeed.CHANNEL);
      long ownBefore = a.generation();
      long otherBefore = b.generation();

      assertThatThrownBy(() -> a.write(tx -> {
        tx.users().insert(user("AIDA3", "carol"));
        throw new IllegalStateException("fails after the insert");
      })).isInstanceOf(IllegalStateException.class);
      insertUser(a, "AIDA2", "bob");
      awaitChange(b::generation, otherBefore);

      // Each committed transaction is delivered on its own: one, from the write that committed.
      PGNotification[] heard = raw.unwrap(PGConnection.class).getNotifications(1_000);
      assertThat(heard).hasSize(1);
      // A's own write moved its local count once per write, and its own notification did not.
      Thread.sleep(200);
      assertThat(a.generation()).isEqualTo(ownBefore + 2);
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void start_whenTheDatabaseAcceptsButNeverAnswers_returnsAndKeepsRetrying() throws Exception {
    // A black hole: connections are accepted (a stopped server, a proxy to a partitioned
    // network) and nothing ever answers. Before, connecting waited forever (no login or socket
    // timeout on the listening connection), so a node could stop hearing other nodes for good.
    try (ServerSocket hole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      PostgresChangeFeed feed = PostgresChangeFeed.start("jdbc:postgresql://127.0.0.1:"
          + hole.getLocalPort() + "/portcullis", "postgres", "postgres");
      feed.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void listenerConnection_whenKilled_invalidatesAndReconnects() throws Exception {
    long before = b.generation();

    try (Connection admin = DriverManager.getConnection(url, "postgres", "postgres");
        Statement st = admin.createStatement()) {
      st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND application_name = '"
          + PostgresChangeFeed.APPLICATION_NAME + "'");
    }

    // Moved for the notifications that may have been missed, without any write: once when
    // the connection was lost, once more when listening again.
    assertThat(awaitAtLeast(b::generation, before + 2)).isTrue();
    long reconnected = b.generation();
    insertUser(a, "AIDA2", "bob");
    assertThat(awaitChange(b::generation, reconnected)).isTrue();
  }

  private JdbcStore store(Propagation propagation) {
    JdbcStore s = JdbcStore.open(url, "postgres", "postgres", propagation);
    open.add(s);
    return s;
  }

  private static User user(String id, String name) {
    return new User(ACCOUNT, id, name, "/", Instant.now(), null, null);
  }

  private static void insertUser(JdbcStore store, String id, String name) {
    store.write(tx -> {
      tx.users().insert(user(id, name));
      return null;
    });
  }

  private void addDenyToAnn() {
    a.write(tx -> {
      tx.inlinePolicies().put(ACCOUNT, PrincipalKind.USER, "AIDA1", new InlinePolicy("deny",
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
          + "\"Resource\":\"*\"}]}"));
      return null;
    });
  }

  /** A clock that moves only when told. */
  private static final class StepClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static long policiesOfAnn(AuthorizationSnapshot snapshot) {
    return snapshot.user(ACCOUNT, "AIDA1").orElseThrow().policies().identity().size();
  }

  /** Whether {@code value}, which only grows, moves past {@code from} promptly. */
  private static boolean awaitChange(LongSupplier value, long from) {
    return awaitAtLeast(value, from + 1);
  }

  /** Whether {@code value} reaches {@code target} within {@link #PROMPT_MILLIS}. */
  private static boolean awaitAtLeast(LongSupplier value, long target) {
    long deadline = System.nanoTime() + PROMPT_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (value.getAsLong() >= target) {
        return true;
      }
      sleep(2);
    }
    return false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
