package dev.portcullis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.Store;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.server.AuditConfig;
import dev.portcullis.server.AuditRecording;
import dev.portcullis.server.DataDirectory;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's trail: written on shutdown, pruned after the retention period, or off. */
class AuditRecordingTest {
  static final ServiceModel IAM = ServiceModel.bundled("iam");
  static final ServiceModel STS = ServiceModel.bundled("sts");
  @TempDir Path dir;

  static CallRecord getUser(Instant at, String requestId) {
    return new CallRecord(new RequestFacts(requestId, at, "127.0.0.1", "test", null),
        "iam.amazonaws.com", "GetUser", IAM.operation("GetUser").orElseThrow(), "us-east-1",
        UserIdentity.unknown("AKIAEXAMPLEEXAMPLE01"), "123456789012",
        Struct.of("UserName", "bob"), null, null, "AwsApiCall");
  }

  static List<StoredAuditEvent> events(Store store) {
    return store.read(tx -> tx.audit().range(0, 10_000));
  }

  @Test
  void close_whenCallsWereRecorded_leavesEveryEventInTheDatabase() throws Exception {
    ServerConfig config = ServerConfig.local(dir, 0);
    try (PortcullisServer server = PortcullisServer.start(config)) {
      for (int i = 0; i < 50; i++) {
        server.audit().trail().record(getUser(Instant.now(), "req-" + i));
      }
    }
    try (JdbcStore store = PortcullisServer.openStore(config, new DataDirectory(dir))) {
      assertThat(events(store)).hasSize(50);
    }
  }

  @Test
  void prune_whenEventsAreOlderThanTheRetention_removesOnlyThose() throws Exception {
    Instant now = Instant.parse("2026-12-04T22:00:00Z");
    ServerConfig config = ServerConfig.local(dir, 0);
    try (JdbcStore store = PortcullisServer.openStore(config, new DataDirectory(dir))) {
      CloudTrailRecords records = new CloudTrailRecords(Map.of("iam.amazonaws.com", IAM));
      // One batch each, as the writer appends events days apart (retention removes whole
      // batches).
      for (CallRecord call : List.of(getUser(now.minus(Duration.ofDays(8)), "old-1"),
          getUser(now.minus(Duration.ofDays(7)).minusSeconds(1), "old-2"),
          getUser(now.minus(Duration.ofDays(6)), "recent"))) {
        store.writeUsage(tx -> tx.audit().append(List.of(records.event(call))));
      }
      AuditRecording recording = AuditRecording.start(store,
          java.util.Map.of("iam.amazonaws.com", IAM, "sts.amazonaws.com", STS),
          new AuditConfig(true, Duration.ofDays(7), Duration.ofHours(1)),
          Clock.fixed(now, ZoneOffset.UTC));
      try {
        // The first pruning runs at start, in the background; prune() again is harmless.
        recording.prune();
        List<StoredAuditEvent> left = events(store);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).event().record()).contains("\"requestID\":\"recent\"");
        assertThat(left.get(0).seq()).isEqualTo(3);
      } finally {
        recording.close();
      }
    }
  }

  @Test
  void start_whenRecordingIsOff_keepsNoEvent() throws Exception {
    ServerConfig config = ServerConfig.local(dir, 0)
        .withAudit(new AuditConfig(false, Duration.ofDays(90), Duration.ofHours(1)));
    try (PortcullisServer server = PortcullisServer.start(config)) {
      server.audit().trail().record(getUser(Instant.now(), "req"));
    }
    try (JdbcStore store = PortcullisServer.openStore(config, new DataDirectory(dir))) {
      assertThat(events(store)).isEmpty();
    }
  }
}
