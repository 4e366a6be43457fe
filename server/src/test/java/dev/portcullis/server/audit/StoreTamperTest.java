package dev.portcullis.server.audit;

import static dev.portcullis.server.audit.ExportTamperTest.lines;
import static dev.portcullis.server.audit.ExportTamperTest.print;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.audit.integrity.Finding;
import dev.portcullis.iam.audit.integrity.StoreVerifier;
import dev.portcullis.iam.audit.integrity.VerificationReport;
import dev.portcullis.iam.domain.AuditEvent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify --store} after an attacker with write access to the database changed,
 * deleted, inserted or swapped event rows of {@code audit_events}, or altered or deleted
 * {@code audit_digest} rows, in SQL. On SQLite here; {@code PostgresStoreTamperTest} runs the
 * same cases on PostgreSQL.
 */
class StoreTamperTest {
  @TempDir
  Path dir;
  private TrailFixture trail;

  /** The trail of each test, on the database this class tests. */
  TrailFixture open(Path dir) throws Exception {
    return new TrailFixture(dir);
  }

  @BeforeEach
  void makeTrail() throws Exception {
    trail = open(dir);
    trail.standardTrail();
  }

  @AfterEach
  void close() {
    trail.close();
  }

  private VerificationReport verify() {
    return StoreVerifier.verify(trail.store(), Optional.empty());
  }

  private String id(long seq) {
    return trail.at(seq).event().eventId();
  }

  @Test
  void verify_whenTheStoreIsUntouched_findsEveryDigestValidAndExitsZero() {
    VerificationReport report = verify();

    assertThat(report.exitCode()).as(print(report)).isZero();
    assertThat(print(report)).contains("4/4 digest files valid", "4/4 log files valid",
        "2 events (seq 1508 to 1509)\tNOTE: not yet covered by a digest");
  }

  @Test
  void verify_whenAFieldOfARowChanged_namesTheEvent() throws Exception {
    String id = id(2);
    sql("UPDATE audit_events SET record = replace(record, 'CreateUser', 'GetUser') "
        + "WHERE seq = 2");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 2\tINVALID: changed (its record differs from the one signed)");
  }

  @Test
  void verify_whenARowWasDeleted_namesTheEvent() throws Exception {
    String id = id(600);
    sql("DELETE FROM audit_events WHERE seq = 600");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 600\tINVALID: removed (signed, no longer present)");
  }

  @Test
  void verify_whenARowWasInsertedAndTheRestRenumbered_namesTheInsertedEvent()
      throws Exception {
    // The attacker makes room at seq 1505 (through negative numbers, so that no two rows
    // share a key midway), chains the forged event to its predecessor and moves the head.
    sql("UPDATE audit_events SET seq = -seq WHERE seq >= 1505",
        "UPDATE audit_events SET seq = 1 - seq WHERE seq <= -1505",
        "UPDATE audit_chain SET head_seq = head_seq + 1");
    String forged = "f0f0f0f0-0000-4000-8000-000000000002";
    AuditEvent event = TrailFixture.event(forged, TrailFixture.T0, "CreateAccessKey", "bob");
    String previous = trail.at(1504).hash();
    trail.insertRow(1505, event, previous, AuditChain.hash(previous, event.record()));

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + forged
        + " at seq 1505\tINVALID: inserted (not in any signed digest)");
  }

  @Test
  void verify_whenTwoRowsSwappedTheirContents_namesBoth() throws Exception {
    String first = id(1000);
    String second = id(1001);
    // Every column but seq changes places: the same as moving each row to the other's seq.
    sql("UPDATE audit_events SET seq = -1 WHERE seq = 1000",
        "UPDATE audit_events SET seq = 1000 WHERE seq = 1001",
        "UPDATE audit_events SET seq = 1001 WHERE seq = -1");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains(
        "Event\t" + first + " at seq 1001\tINVALID: reordered (signed at seq 1000)",
        "Event\t" + second + " at seq 1000\tINVALID: reordered (signed at seq 1001)");
  }

  @Test
  void verify_whenEventsAfterTheLastDigestAreBroken_namesThemThoughUnsigned()
      throws Exception {
    String id = id(1509);
    sql("UPDATE audit_events SET record = replace(record, 'user-1', 'root') WHERE seq = 1509");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 1509\tINVALID: changed (its record no longer matches its hash)");
  }

  @Test
  void verify_whenALookupColumnWasEdited_namesTheEventAndTheColumn() throws Exception {
    // Each edit would hide the event from LookupEvents by that value; the record is untouched,
    // so the chain alone still verifies. Seq 1509 is after the last digest.
    Map<Long, String> edits = new LinkedHashMap<>();
    edits.put(5L, "event_name = 'GetUser'");
    edits.put(6L, "username = 'someone-else'");
    edits.put(7L, "access_key_id = NULL");
    edits.put(8L, "event_source = 'sts.amazonaws.com'");
    edits.put(9L, "read_only = NOT read_only");
    edits.put(10L, "error_code = 'AccessDenied'");
    edits.put(11L, "source_ip = '10.0.0.1'");
    edits.put(12L, "event_time = event_time + 3600000");
    edits.put(13L, "account_id = '999999999999'");
    edits.put(14L, "principal_arn = 'arn:aws:iam::123456789012:user/other'");
    edits.put(1509L, "username = NULL");
    Map<Long, String> ids = new LinkedHashMap<>();
    for (Map.Entry<Long, String> edit : edits.entrySet()) {
      ids.put(edit.getKey(), id(edit.getKey()));
      sql("UPDATE audit_events SET " + edit.getValue() + " WHERE seq = " + edit.getKey());
    }
    sql("UPDATE audit_events SET event_id = 'f0f0f0f0-0000-4000-8000-000000000015' "
        + "WHERE seq = 15");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    String[] columns = {"eventName", "username", "accessKeyId", "eventSource", "readOnly",
        "errorCode", "sourceIp", "eventTime", "accountId", "principalArn", "username"};
    int i = 0;
    for (Map.Entry<Long, String> id : ids.entrySet()) {
      assertThat(lines(report)).as(print(report)).contains("Event\t" + id.getValue()
          + " at seq " + id.getKey() + "\tINVALID: changed (its stored " + columns[i++]
          + " differs from its record)");
    }
    assertThat(lines(report)).contains("Event\tf0f0f0f0-0000-4000-8000-000000000015 at seq 15"
        + "\tINVALID: changed (its stored eventId differs from its record)");
    assertThat(report.findings()).filteredOn(f -> f.kind() == Finding.Kind.EVENT_CHANGED)
        .hasSize(12);
  }

  @Test
  void verify_whenAResourceRowWasDeletedOrEdited_namesTheEvent() throws Exception {
    String deleted = id(700);
    String edited = id(1508);
    sql("DELETE FROM audit_event_resources WHERE seq = 700",
        "UPDATE audit_event_resources SET resource_name = 'nobody' WHERE seq = 1508");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains(
        "Event\t" + deleted + " at seq 700\tINVALID: changed (its stored resource list "
            + "differs from its record)",
        "Event\t" + edited + " at seq 1508\tINVALID: changed (its stored resource list "
            + "differs from its record)");
  }

  @Test
  void verify_whenADigestRowWasAltered_namesTheDigest() throws Exception {
    sql("UPDATE audit_digest SET document = replace(document, '\"digestNumber\":3', "
        + "'\"digestNumber\":3 ') WHERE digest_number = 3");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).anyMatch(l -> l.startsWith("Digest file")
        && l.endsWith("INVALID: invalid (signature verification failed)"));
  }

  @Test
  void verify_whenADigestRowWasDeleted_namesTheDigest() throws Exception {
    sql("DELETE FROM audit_digest WHERE digest_number = 2");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains(
        "Digest file\tdigest number 2\tINVALID: missing (deleted from the store)");
  }

  @Test
  void verify_whenRetentionRemovedTheOldestEvents_reportsNoTampering() {
    trail.store().writeUsage(tx -> tx.audit().deleteBefore(
        TrailFixture.T0.plus(TrailFixture.INTERVAL)));

    VerificationReport report = verify();

    assertThat(report.exitCode()).as(print(report)).isZero();
    assertThat(report.findings()).extracting(Finding::kind)
        .containsExactly(Finding.Kind.UNCOVERED);
  }

  private void sql(String... statements) throws Exception {
    trail.sql(statements);
  }
}
