package dev.portcullis.server.audit;

import static dev.portcullis.server.audit.ExportTamperTest.lines;
import static dev.portcullis.server.audit.ExportTamperTest.print;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.audit.integrity.Finding;
import dev.portcullis.iam.audit.integrity.StoreVerifier;
import dev.portcullis.iam.audit.integrity.VerificationReport;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.StoredAuditEvent;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify --store} after an attacker with write access to the database changed,
 * deleted, inserted or reordered event rows, or altered or deleted digest rows. The events are
 * in {@link InMemoryAuditStore} until the JDBC audit store lands (see {@link TrailFixture}).
 */
class StoreTamperTest {
  @TempDir
  Path dir;
  private TrailFixture trail;

  @BeforeEach
  void makeTrail() throws Exception {
    trail = new TrailFixture(dir);
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
    return trail.events.at(seq).event().eventId();
  }

  @Test
  void verify_whenTheStoreIsUntouched_findsEveryDigestValidAndExitsZero() {
    VerificationReport report = verify();

    assertThat(report.exitCode()).as(print(report)).isZero();
    assertThat(print(report)).contains("4/4 digest files valid", "4/4 log files valid",
        "2 events (seq 1508 to 1509)\tNOTE: not yet covered by a digest");
  }

  @Test
  void verify_whenAFieldOfARowChanged_namesTheEvent() {
    String id = id(2);
    trail.events.update(2, row -> new StoredAuditEvent(row.seq(), withRecord(row.event(),
        row.event().record().replace("CreateUser", "GetUser")), row.previousHash(), row.hash()));

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 2\tINVALID: changed (its record differs from the one signed)");
  }

  @Test
  void verify_whenARowWasDeleted_namesTheEvent() {
    String id = id(600);
    trail.events.delete(600);

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 600\tINVALID: removed (signed, no longer present)");
  }

  @Test
  void verify_whenARowWasInsertedAndTheRestRenumbered_namesTheInsertedEvent() {
    // The attacker makes room at seq 1505 and chains the forged event to its predecessor.
    for (long seq = 1509; seq >= 1505; seq--) {
      long to = seq + 1;
      trail.events.update(seq, row -> new StoredAuditEvent(to, row.event(), row.previousHash(),
          row.hash()));
    }
    String forged = "f0f0f0f0-0000-4000-8000-000000000002";
    AuditEvent event = TrailFixture.event(forged, TrailFixture.T0, "CreateAccessKey", "bob");
    String previous = trail.events.at(1504).hash();
    trail.events.insert(new StoredAuditEvent(1505, event, previous,
        AuditChain.hash(previous, event.record())));

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + forged
        + " at seq 1505\tINVALID: inserted (not in any signed digest)");
  }

  @Test
  void verify_whenTwoRowsWereReordered_namesBoth() {
    String first = id(1000);
    String second = id(1001);
    trail.events.update(1000, row -> new StoredAuditEvent(-1, row.event(), row.previousHash(),
        row.hash()));
    trail.events.update(1001, row -> new StoredAuditEvent(1000, row.event(),
        row.previousHash(), row.hash()));
    trail.events.update(-1, row -> new StoredAuditEvent(1001, row.event(), row.previousHash(),
        row.hash()));

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains(
        "Event\t" + first + " at seq 1001\tINVALID: reordered (signed at seq 1000)",
        "Event\t" + second + " at seq 1000\tINVALID: reordered (signed at seq 1001)");
  }

  @Test
  void verify_whenEventsAfterTheLastDigestAreBroken_namesThemThoughUnsigned() {
    String id = id(1509);
    trail.events.update(1509, row -> new StoredAuditEvent(row.seq(), withRecord(row.event(),
        row.event().record().replace("user-1", "root")), row.previousHash(), row.hash()));

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 1509\tINVALID: changed (its record no longer matches its hash)");
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
    trail.events.deleteBefore(TrailFixture.T0.plus(TrailFixture.INTERVAL));

    VerificationReport report = verify();

    assertThat(report.exitCode()).as(print(report)).isZero();
    assertThat(report.findings()).extracting(Finding::kind)
        .containsExactly(Finding.Kind.UNCOVERED);
  }

  private void sql(String statement) throws Exception {
    trail.sql(statement);
  }

  private static AuditEvent withRecord(AuditEvent e, String record) {
    return new AuditEvent(e.eventId(), e.eventTime(), e.accountId(), e.eventSource(),
        e.eventName(), e.username(), e.principalArn(), e.accessKeyId(), e.readOnly(),
        e.errorCode(), e.sourceIp(), e.resources(), record);
  }
}
