package dev.portcullis.server.audit;

import static dev.portcullis.server.audit.ExportTamperTest.lines;
import static dev.portcullis.server.audit.ExportTamperTest.print;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.audit.integrity.Finding;
import dev.portcullis.iam.audit.integrity.StoreVerifier;
import dev.portcullis.iam.audit.integrity.VerificationReport;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.UnreadableAuditSegment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify --store} after an attacker with write access to the database changed,
 * deleted, inserted or swapped stored events (in the segments' blobs, see {@link
 * SegmentTamper}), made a segment undecodable, or altered or deleted
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
    trail.edit(rows -> {
      SegmentTamper.Row r = SegmentTamper.at(rows, 2);
      r.event = SegmentTamper.with(r.event, "record",
          r.event.record().replace("CreateUser", "GetUser"));
    });

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 2\tINVALID: changed (its record differs from the one signed)");
  }

  @Test
  void verify_whenARowWasDeleted_namesTheEvent() throws Exception {
    String id = id(600);
    trail.edit(rows -> rows.removeIf(r -> r.seq == 600));

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 600\tINVALID: removed (signed, no longer present)");
  }

  @Test
  void verify_whenARowWasInsertedAndTheRestRenumbered_namesTheInsertedEvent()
      throws Exception {
    // The attacker makes room at seq 1505, chains the forged event to its predecessor and
    // moves the head.
    String forged = "f0f0f0f0-0000-4000-8000-000000000002";
    AuditEvent event = TrailFixture.event(forged, TrailFixture.T0, "CreateAccessKey", "bob");
    String previous = trail.at(1504).hash();
    trail.edit(rows -> {
      rows.forEach(r -> r.seq += r.seq >= 1505 ? 1 : 0);
      rows.add(new SegmentTamper.Row(1505, event, HexFormat.of().parseHex(
          AuditChain.hash(previous, event.record()))));
    });

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + forged
        + " at seq 1505\tINVALID: inserted (not in any signed digest)");
  }

  @Test
  void verify_whenTwoRowsSwappedTheirContents_namesBoth() throws Exception {
    String first = id(1000);
    String second = id(1001);
    // Every field but seq changes places: the same as moving each event to the other's seq.
    trail.edit(rows -> {
      SegmentTamper.at(rows, 1000).seq = -1;
      SegmentTamper.at(rows, 1001).seq = 1000;
      SegmentTamper.at(rows, -1).seq = 1001;
    });

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
    trail.edit(rows -> {
      SegmentTamper.Row r = SegmentTamper.at(rows, 1509);
      r.event = SegmentTamper.with(r.event, "record", r.event.record().replace("user-1", "root"));
    });

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Event\t" + id
        + " at seq 1509\tINVALID: changed (its record no longer matches its hash)");
  }

  @Test
  void verify_whenALookupColumnWasEdited_namesTheEventAndTheColumn() throws Exception {
    // Each edit would hide the event from LookupEvents by that value; the record is untouched,
    // so the chain alone still verifies. Seq 1509 is after the last digest.
    Map<Long, Object[]> edits = new LinkedHashMap<>();
    edits.put(5L, new Object[] {"eventName", "GetUser"});
    edits.put(6L, new Object[] {"username", "someone-else"});
    edits.put(7L, new Object[] {"accessKeyId", null});
    edits.put(8L, new Object[] {"eventSource", "sts.amazonaws.com"});
    edits.put(9L, new Object[] {"readOnly", !trail.at(9).event().readOnly()});
    edits.put(10L, new Object[] {"errorCode", "AccessDenied"});
    edits.put(11L, new Object[] {"sourceIp", "10.0.0.1"});
    edits.put(12L, new Object[] {"eventTime", trail.at(12).event().eventTime()
        .plusSeconds(3600)});
    edits.put(13L, new Object[] {"accountId", "999999999999"});
    edits.put(14L, new Object[] {"principalArn", "arn:aws:iam::123456789012:user/other"});
    edits.put(1509L, new Object[] {"username", null});
    edits.put(15L, new Object[] {"eventId", "f0f0f0f0-0000-4000-8000-000000000015"});
    Map<Long, String> ids = new LinkedHashMap<>();
    for (Long seq : edits.keySet()) {
      ids.put(seq, id(seq));
    }
    ids.remove(15L);
    trail.edit(rows -> edits.forEach((seq, edit) -> {
      SegmentTamper.Row r = SegmentTamper.at(rows, seq);
      r.event = SegmentTamper.with(r.event, (String) edit[0], edit[1]);
    }));

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
    trail.edit(rows -> {
      SegmentTamper.Row gone = SegmentTamper.at(rows, 700);
      gone.event = SegmentTamper.with(gone.event, "resources", List.of());
      SegmentTamper.Row edit = SegmentTamper.at(rows, 1508);
      edit.event = SegmentTamper.with(edit.event, "resources", edit.event.resources().stream()
          .map(r -> new AuditEvent.Resource(r.type(), "nobody")).toList());
    });

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains(
        "Event\t" + deleted + " at seq 700\tINVALID: changed (its stored resource list "
            + "differs from its record)",
        "Event\t" + edited + " at seq 1508\tINVALID: changed (its stored resource list "
            + "differs from its record)");
  }

  @Test
  void verify_whenASegmentNoLongerDecodes_namesItsEventsAndReadsOn() throws Exception {
    // The segment of the last two events (seq 1508 and 1509), cut short.
    sql("UPDATE audit_segments SET events = substr(events, 1, 40) WHERE first_seq = 1508");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Events\tseq 1508 to 1509\tINVALID: unreadable (their "
        + "stored encoding no longer decodes)");
  }

  @Test
  void verify_whenASegmentAfterReadableOnesNoLongerDecodes_stillChecksTheEventsBeforeIt()
      throws Exception {
    // Seq 1004 to 1503 (the second segment of the 1,500-event batch) and, after the last
    // digest, seq 1510 to 1511 are cut short; the events before each are read on their own,
    // not lost with the page that reached the damage.
    trail.append(2, TrailFixture.T0.plus(TrailFixture.INTERVAL.multipliedBy(4)).plusSeconds(2));
    sql("UPDATE audit_segments SET events = substr(events, 1, 40) WHERE first_seq IN (1004, "
        + "1510)");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).as(print(report)).contains(
        "Events\tseq 1004 to 1503\tINVALID: unreadable (their stored encoding no longer "
            + "decodes)",
        "Events\tseq 1510 to 1511\tINVALID: unreadable (their stored encoding no longer "
            + "decodes)",
        "Events\t2 events (seq 1508 to 1511)\tNOTE: not yet covered by a digest (chained, not "
            + "yet signed: the next digest will cover them)");
    assertThat(lines(report)).as(print(report))
        .noneMatch(l -> l.contains(" at seq 1003\t") || l.contains("seq 1508\t"));
  }

  @Test
  void verify_whenASegmentsTimeBoundsOrLastSeqWereEdited_namesItsEvents() throws Exception {
    // Each edit makes LookupEvents (always time-bounded) skip the segment; the blob and so the
    // chain are untouched.
    AuditEventQuery everything = new AuditEventQuery("123456789012", Optional.empty(),
        Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"), Long.MAX_VALUE, 5000);
    int before = trail.store().read(tx -> tx.audit().lookup(everything)).size();
    sql("UPDATE audit_segments SET max_time = -1 WHERE first_seq = 1508",
        "UPDATE audit_segments SET min_time = 253402300800000 WHERE first_seq = 1504",
        "UPDATE audit_segments SET last_seq = 2 WHERE first_seq = 1");

    int after = trail.store().read(tx -> tx.audit().lookup(everything)).size();
    VerificationReport report = verify();

    assertThat(after).isEqualTo(before - 6);
    assertThat(report.exitCode()).isEqualTo(1);
    String bounds = "\tINVALID: unreadable (their segment's stored last seq or time bounds "
        + "differ from its events (time-bounded lookups would skip them))";
    assertThat(lines(report)).as(print(report)).contains(
        "Events\tseq 1508 to 1509" + bounds, "Events\tseq 1504 to 1507" + bounds,
        "Events\tseq 1 to 2" + bounds);
  }

  @Test
  void verify_whenTheChainsHeadWasMovedBack_namesTheEventsAfterItAndLookupsStillFindThem()
      throws Exception {
    // As a careful attacker would: the head at seq 1507 with that event's hash, so the newest
    // two events look never appended.
    AuditEventQuery everything = new AuditEventQuery("123456789012", Optional.empty(),
        Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"), Long.MAX_VALUE, 5000);
    String newest = id(1509);
    sql("UPDATE audit_chain SET head_seq = 1507, head_hash = '" + trail.at(1507).hash() + "'");

    List<String> found = trail.store().read(tx -> tx.audit().lookup(everything)).stream()
        .map(e -> e.event().eventId()).toList();
    VerificationReport report = verify();

    assertThat(found).hasSize(1509).startsWith(newest);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).as(print(report)).contains("Events\tseq 1508 to 1509\tINVALID: "
        + "beyond the chain's head (stored after the chain's recorded head, seq 1507)");
  }

  @Test
  void retention_whenSegmentsMaxTimeWasMovedBack_removesNothingAndVerifyNamesThem()
      throws Exception {
    // Every segment made to look older than the retention cutoff: retention would remove the
    // whole trail, and verify would then see a legitimate retention anchor.
    sql("UPDATE audit_segments SET max_time = 0");

    assertThatThrownBy(() -> trail.store().writeUsage(tx -> tx.audit().deleteBefore(
        TrailFixture.T0.plus(TrailFixture.INTERVAL.multipliedBy(10)))))
        .isInstanceOf(UnreadableAuditSegment.class);
    VerificationReport report = verify();

    assertThat(trail.store().read(tx -> tx.audit().anchor()).seq()).isZero();
    AuditEventQuery untimed = new AuditEventQuery("123456789012", Optional.empty(), null, null,
        Long.MAX_VALUE, 5000);
    List<StoredAuditEvent> kept = trail.store().read(tx -> tx.audit().lookup(untimed));
    assertThat(kept).hasSize(1509);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).as(print(report)).contains("Events\tseq 1 to 3\tINVALID: "
        + "unreadable (their segment's stored last seq or time bounds differ from its events "
        + "(time-bounded lookups would skip them))");
  }

  @Test
  void verify_whenAMiddleSegmentNoLongerDecodes_namesOnlyItsEvents() throws Exception {
    // Seq 1504 to 1507, between the big segment of seq 4 to 1503 and the last one: the events
    // around it are intact and must be compared, not reported as removed.
    sql("UPDATE audit_segments SET events = substr(events, 1, 40) WHERE first_seq = 1504");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(print(report)).contains("3/4 log files valid, 1 log files INVALID");
    assertThat(lines(report)).contains("Events\tseq 1504 to 1507\tINVALID: unreadable (their "
        + "stored encoding no longer decodes)");
    // Its own four events are missing from their log file; no other event is.
    assertThat(report.findings()).as(print(report))
        .filteredOn(f -> f.kind() == Finding.Kind.EVENT_REMOVED).extracting(Finding::subject)
        .allMatch(subject -> subject.matches(".* at seq 150[4-7]")).hasSize(4);
  }

  @Test
  void verify_whenAChangeIsStagedButNotYetChained_reportsItAsANoteNotTampering() {
    trail.store().write(tx -> {
      tx.audit().stage(TrailFixture.event("f0f0f0f0-0000-4000-8000-000000000003",
          TrailFixture.T0, "CreateUser", "staged"));
      return null;
    });

    VerificationReport report = verify();

    assertThat(report.exitCode()).as(print(report)).isZero();
    assertThat(lines(report)).contains("Events\t1 events\tNOTE: not yet chained (committed "
        + "with their changes; the server chains them within a second of running)");
  }

  @Test
  void verify_whenALookupTermWasDeleted_namesTheAttributeValueAndSegment() throws Exception {
    // Without the row, LookupEvents by EventName=CreateUser skips the 1,000 events of seq 4 to
    // 1003, while their chain still verifies.
    sql("DELETE FROM audit_terms WHERE attribute = 'N' AND term = 'CreateUser' "
        + "AND first_seq = 4");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(invalid(report)).as(print(report)).containsExactly("Lookup term\tEventName=CreateUser "
        + "in seq 4 to 1003\tINVALID: missing (a lookup by this value skips these events)");
  }

  @Test
  void verify_whenALookupTermWasAdded_namesTheAttributeValueAndSegment() throws Exception {
    sql("INSERT INTO audit_terms (attribute, term, first_seq) VALUES ('N', 'DeleteUser', 1504)");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(invalid(report)).as(print(report)).containsExactly("Lookup term\tEventName="
        + "DeleteUser in seq 1504 to 1507\tINVALID: extra (none of these events holds this "
        + "value)");
  }

  @Test
  void verify_whenALookupTermPointsAtNoSegment_namesIt() throws Exception {
    // A lookup by the value would decode nothing there; moving a term off its segment is also
    // a missing term at the segment it left.
    sql("UPDATE audit_terms SET first_seq = 5 WHERE attribute = 'N' AND term = 'CreateUser' "
        + "AND first_seq = 1");

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(invalid(report)).as(print(report)).containsExactlyInAnyOrder(
        "Lookup term\tEventName=CreateUser in seq 1 to 3\tINVALID: missing (a lookup by this value "
            + "skips these events)",
        "Lookup term\tEventName=CreateUser at seq 5\tINVALID: orphaned (no stored segment starts "
            + "there)");
  }

  @Test
  void verify_whenAStagedEventNoLongerDecodes_namesItsIdAsTampering() throws Exception {
    trail.store().write(tx -> {
      tx.audit().stage(TrailFixture.event("f0f0f0f0-0000-4000-8000-000000000004",
          TrailFixture.T0, "CreateUser", "damaged"));
      tx.audit().stage(TrailFixture.event("f0f0f0f0-0000-4000-8000-000000000005",
          TrailFixture.T0, "CreateUser", "intact"));
      return null;
    });
    sql("UPDATE audit_pending SET event = substr(event, 1, 10) WHERE id = "
        + "(SELECT MIN(id) FROM audit_pending)");
    List<Long> damaged = trail.store().read(tx -> tx.audit().unreadableStaged());

    VerificationReport report = verify();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(damaged).hasSize(1);
    assertThat(invalid(report)).as(print(report)).containsExactly(
        "Staged event\tid " + damaged.get(0) + "\tINVALID: unreadable (its stored encoding no "
            + "longer decodes: it is left unchained)");
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

  /** The findings that show tampering, as report lines. */
  private static List<String> invalid(VerificationReport report) {
    return report.findings().stream().filter(f -> f.kind().tampering()).map(Finding::line)
        .toList();
  }

  private void sql(String... statements) throws Exception {
    trail.sql(statements);
  }
}
