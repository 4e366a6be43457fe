package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.server.DataDirectory;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.store.JdbcStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit events} reads the trail offline with each filter. */
class AuditEventsCommandTest {
  static final ServiceModel IAM = ServiceModel.bundled("iam");
  static final String ACCOUNT = "123456789012";
  @TempDir Path dir;

  static UserIdentity user(String name) {
    return new UserIdentity("IAMUser", "AIDA" + name, "arn:aws:iam::" + ACCOUNT + ":user/" + name,
        ACCOUNT, "AKIA" + name, name, null, null, null);
  }

  static CallRecord call(String op, UserIdentity who, String ip, Instant at, AwsException err) {
    return new CallRecord(new RequestFacts("req-" + op + "-" + who.userName(), at, ip, "cli",
        null), "iam.amazonaws.com", op, IAM.operation(op).orElseThrow(), "us-east-1", who,
        ACCOUNT, Struct.of("UserName", "bob"), null, err, "AwsApiCall");
  }

  @BeforeEach
  void fill() {
    CloudTrailRecords records = new CloudTrailRecords(Map.of("iam.amazonaws.com", IAM));
    try (JdbcStore store = PortcullisServer.openStore(ServerConfig.local(dir, 0),
        new DataDirectory(dir))) {
      store.write(tx -> {
        tx.accounts().create(new Account(ACCOUNT, Instant.now()));
        return null;
      });
      store.writeUsage(tx -> tx.audit().append(List.of(
          records.event(call("CreateUser", user("alice"), "10.0.0.1",
              Instant.parse("2026-12-01T10:00:00Z"), null)),
          records.event(call("DeleteUser", user("mallory"), "10.0.0.66",
              Instant.parse("2026-12-02T10:00:00Z"), new AwsException(ErrorCode.ACCESS_DENIED,
                  "not authorized"))),
          records.event(call("GetUser", user("alice"), "10.0.0.1",
              Instant.parse("2026-12-03T10:00:00Z"), new AwsException(
                  ErrorCode.NO_SUCH_ENTITY, "The user with name bob cannot be found."))))));
    }
  }

  List<String> run(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AuditEventsCommand.run(Options.parse(all, AuditEventsCommand.OPTIONS),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void run_withoutFilters_printsATableNewestFirst() throws Exception {
    List<String> lines = run();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("TIME");
    assertThat(lines.get(1)).contains("iam:GetUser", "alice", "10.0.0.1",
        "failed (NoSuchEntity)");
    assertThat(lines.get(2)).contains("iam:DeleteUser", "mallory", "denied (AccessDenied)");
    assertThat(lines.get(3)).contains("2026-12-01T10:00:00Z", "iam:CreateUser", "allowed");
  }

  @Test
  void run_withEachFilter_printsOnlyMatchingEvents() throws Exception {
    assertThat(run("--principal", "alice")).hasSize(3);
    assertThat(run("--principal", "arn:aws:iam::" + ACCOUNT + ":user/mallory")).hasSize(2);
    assertThat(run("--action", "CreateUser").get(1)).contains("iam:CreateUser");
    assertThat(run("--result", "denied")).hasSize(2).last().asString().contains("DeleteUser");
    assertThat(run("--result", "failed")).hasSize(2).last().asString().contains("GetUser");
    assertThat(run("--result", "allowed")).hasSize(2).last().asString().contains("CreateUser");
    assertThat(run("--source-ip", "10.0.0.66")).hasSize(2);
    assertThat(run("--start", "2026-12-02", "--end", "2026-12-02")).hasSize(2)
        .last().asString().contains("DeleteUser");
    assertThat(run("--start", "2026-12-02T12:00:00Z")).hasSize(2);
    assertThat(run("--max-items", "1")).hasSize(2);
  }

  @Test
  void run_withJson_printsOneCloudTrailRecordPerLine() throws Exception {
    List<String> lines = run("--json", "--principal", "alice");
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(lines.get(0)).get("eventName").asText()).isEqualTo("GetUser");
    assertThat(json.readTree(lines.get(1)).at("/userIdentity/userName").asText())
        .isEqualTo("alice");
  }

  @Test
  void run_withABadResultOrTime_isAUsageError() {
    assertThatThrownBy(() -> run("--result", "maybe"))
        .isInstanceOf(Options.UsageException.class).hasMessageContaining("allowed, denied");
    assertThatThrownBy(() -> run("--start", "yesterday"))
        .isInstanceOf(Options.UsageException.class).hasMessageContaining("--start");
  }

  @Test
  void main_withAuditEvents_runsTheCommand() {
    // `portcullis audit events` was unreachable: the audit command knew only public-key,
    // export and verify, and answered "unknown audit command: events" (exit 2).
    PrintStream oldOut = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      status = Main.run(List.of("audit", "events", "--data-dir", dir.toString(), "--json",
          "--principal", "alice"));
    } finally {
      System.setOut(oldOut);
    }

    assertThat(status).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("\"userName\":\"alice\""));
  }
}
