package dev.portcullis.benchmarks;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.store.JdbcStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording a call costs: building the CloudTrail record of a GetUser and of a
 * CreateUser (on the request thread), appending a batch of 100 or 1,000 events to SQLite (on
 * the trail's writer: one segment), and a change's transaction with its event staged (as
 * CreateUser commits) or appended to the chain in it (as before segments). Run e.g. {@code java
 * -jar benchmarks/target/benchmarks.jar AuditRecordBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AuditRecordBenchmark {
  private static final ServiceModel IAM = ServiceModel.bundled("iam");
  private static final CloudTrailRecords RECORDS = new CloudTrailRecords(Map.of(
      "iam.amazonaws.com", IAM));
  private static final UserIdentity ADMIN = new UserIdentity("IAMUser",
      "AIDAEXAMPLEEXAMPLE001", "arn:aws:iam::123456789012:user/admin", "123456789012",
      "AKIAEXAMPLEEXAMPLE01", "admin", null, null, null);
  private CallRecord getUser;
  private CallRecord createUser;
  private JdbcStore store;
  private List<AuditEvent> batch;
  /** Events per appended batch: the writer's batch is up to 1,000. */
  @Param({"100", "1000"})
  public int batchSize;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    RequestFacts facts = new RequestFacts("3f1c7a52-9d1e-4a57-a5c2-5b3b1f9e0c11", Instant.now(),
        "127.0.0.1", "aws-sdk-java/2.56.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17", null);
    getUser = new CallRecord(facts, "iam.amazonaws.com", "GetUser",
        IAM.operation("GetUser").orElseThrow(), "us-east-1", ADMIN, "123456789012",
        Struct.of("UserName", "bob"), Struct.of("User", Struct.of("UserName", "bob", "UserId",
            "AIDAEXAMPLEEXAMPLE002", "Arn", "arn:aws:iam::123456789012:user/bob", "Path", "/",
            "CreateDate", Instant.now())), null, "AwsApiCall");
    createUser = new CallRecord(facts, "iam.amazonaws.com", "CreateUser",
        IAM.operation("CreateUser").orElseThrow(), "us-east-1", ADMIN, "123456789012",
        Struct.of("UserName", "bob", "Tags", List.of(Struct.of("Key", "team", "Value", "blue"))),
        getUser.output(), null, "AwsApiCall");
    store = JdbcStore.open("jdbc:sqlite:" + Files.createTempDirectory("audit-bench")
        .resolve("audit.db"), null, null);
    batch = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      batch.add(RECORDS.event(getUser));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public AuditEvent getUserEvent() {
    return RECORDS.event(getUser);
  }

  @Benchmark
  public AuditEvent createUserEvent() {
    return RECORDS.event(createUser);
  }

  /** One usage write of a batch (fresh event ids, made as the server makes them). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Object appendBatch() {
    List<AuditEvent> fresh = new ArrayList<>(batch.size());
    for (AuditEvent e : batch) {
      fresh.add(fresh(e));
    }
    return store.writeUsage(tx -> tx.audit().append(fresh));
  }

  /**
   * A change's transaction holding only its event, staged (one pending row, no chain lock), as
   * every CreateUser now commits; the writer chains it later (its share is in appendBatch).
   */
  @Benchmark
  public Object stageInChangeTransaction() {
    AuditEvent e = fresh(batch.get(0));
    return store.write(tx -> {
      tx.audit().stage(e);
      return e;
    });
  }

  /** The same transaction appending its event to the chain itself, as before segments. */
  @Benchmark
  public Object appendInChangeTransaction() {
    AuditEvent e = fresh(batch.get(0));
    return store.write(tx -> tx.audit().append(List.of(e)));
  }

  private static AuditEvent fresh(AuditEvent e) {
    return new AuditEvent(CloudTrailRecords.newEventId(), e.eventTime(), e.accountId(),
        e.eventSource(), e.eventName(), e.username(), e.principalArn(), e.accessKeyId(),
        e.readOnly(), e.errorCode(), e.sourceIp(), e.resources(), e.record());
  }
}
