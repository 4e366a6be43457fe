package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.StoredAuditTrail;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trail's two paths: in the caller's transaction, and the batched writer. */
class StoredAuditTrailTest {
  static final ServiceModel IAM = ServiceModel.bundled("iam");
  static final CloudTrailRecords RECORDS = new CloudTrailRecords(Map.of("iam.amazonaws.com",
      IAM));
  static final String ACCOUNT = "123456789012";
  JdbcStore store;

  @BeforeEach
  void open() {
    store = Databases.freshSqlite();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static CallRecord call(String op, int n) {
    return new CallRecord(new RequestFacts("req-" + n, Instant.now(), "127.0.0.1", "test", null),
        "iam.amazonaws.com", op, IAM.operation(op).orElseThrow(), "us-east-1",
        UserIdentity.unknown("AKIAEXAMPLEEXAMPLE01"), ACCOUNT, Struct.of("UserName", "u" + n),
        null, null, "AwsApiCall");
  }

  List<StoredAuditEvent> stored() {
    return store.read(tx -> tx.audit().range(0, 100_000));
  }

  List<String> requestIds() {
    return stored().stream().map(e -> e.event().record().replaceAll(
        ".*\"requestID\":\"([^\"]+)\".*", "$1")).toList();
  }

  @Test
  void close_whenEventsQueued_writesEveryEventInRecordedOrder() {
    StoredAuditTrail trail = new StoredAuditTrail(store, RECORDS, 10_000,
        Duration.ofSeconds(30), 100);
    for (int i = 0; i < 1000; i++) {
      trail.record(call("GetUser", i));
    }
    trail.close();
    List<String> ids = requestIds();
    assertThat(ids).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(ids.get(i)).isEqualTo("req-" + i);
    }
  }

  @Test
  void record_whenNotClosed_isWrittenWithinAboutOneFlushInterval() throws Exception {
    try (StoredAuditTrail trail = new StoredAuditTrail(store, RECORDS, 1000,
        Duration.ofMillis(50), 100)) {
      trail.record(call("GetUser", 1));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (stored().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(stored()).hasSize(1);
    }
  }

  @Test
  void record_whenQueueFull_waitsForTheWriterAndLosesNone() {
    StoredAuditTrail trail = new StoredAuditTrail(store, RECORDS, 1, Duration.ofSeconds(30),
        2);
    for (int i = 0; i < 20; i++) {
      trail.record(call("GetUser", i));
    }
    // All but the three the writer and its queue hold are already stored, before any close.
    assertThat(stored().size()).isGreaterThanOrEqualTo(17);
    trail.close();
    assertThat(requestIds()).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void record_whenTheWriterDiedOfAnError_writesTheEventBeforeReturning() throws Exception {
    CountDownLatch died = new CountDownLatch(1);
    AtomicBoolean failOnce =
        new AtomicBoolean(true);
    // The store the writer uses throws an Error (not caught by its retries) on its first write.
    Store failing = new Store() {
      @Override
      public <T> T write(Function<StoreTx, T> w) {
        return store.write(w);
      }

      @Override
      public <T> T writeUsage(
          Function<StoreTx, T> w) {
        if (failOnce.getAndSet(false)) {
          died.countDown();
          throw new AssertionError("the writer dies");
        }
        return store.writeUsage(w);
      }

      @Override
      public <T> T read(Function<StoreTx, T> w) {
        return store.read(w);
      }

      @Override
      public long generation() {
        return store.generation();
      }

      @Override
      public void close() {}
    };
    StoredAuditTrail trail = new StoredAuditTrail(failing, RECORDS, 1000,
        Duration.ofMillis(10), 100);
    trail.record(call("GetUser", 1));
    assertThat(died.await(5, TimeUnit.SECONDS)).isTrue();
    Thread writer = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("audit-writer")).findFirst().orElse(null);
    if (writer != null) {
      writer.join(5000);
    }

    trail.record(call("GetUser", 2));

    assertThat(requestIds()).containsExactly("req-2");
    assertThat(trail.pending()).isZero();
    trail.close();
  }

  @Test
  void record_whenTheStoreRefusesOneEventOfABatch_storesTheOthers() throws Exception {
    Path dir = Files.createTempDirectory("portcullis-store");
    String url = "jdbc:sqlite:" + dir.resolve("test.db");
    JdbcStore.open(url, null, null).close(); // makes the schema
    // The store holds SQLite's lock while open: the trigger goes in before it opens again.
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("CREATE TRIGGER refuse BEFORE INSERT ON audit_segments "
          + "WHEN instr(NEW.events, CAST('\"requestID\":\"req-13\"' AS BLOB)) > 0 "
          + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
    }
    try (JdbcStore refusing = JdbcStore.open(url, null, null)) {
      StoredAuditTrail trail = new StoredAuditTrail(refusing, RECORDS, 1000,
          Duration.ofSeconds(30), 100);
      for (int i = 0; i < 20; i++) {
        trail.record(call("GetUser", i));
      }
      trail.close();

      List<String> ids = refusing.read(tx -> tx.audit().range(0, 1000)).stream()
          .map(e -> e.event().record().replaceAll(".*\"requestID\":\"([^\"]+)\".*", "$1"))
          .toList();
      assertThat(ids).hasSize(19).doesNotContain("req-13").contains("req-0", "req-19");
    }
  }

  @Test
  void appendInTransaction_whenTheChangeRollsBack_leavesNoEvent() {
    StoredAuditTrail trail = StoredAuditTrail.start(store, RECORDS);
    store.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, Instant.now()));
      trail.appendInTransaction(tx, call("CreateUser", 1));
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      trail.appendInTransaction(tx, call("CreateUser", 2));
      throw new IllegalStateException("the change failed");
    })).isInstanceOf(IllegalStateException.class);
    trail.close();
    assertThat(requestIds()).containsExactly("req-1");
  }
}
