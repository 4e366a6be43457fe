package dev.portcullis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.integrity.DigestDocument;
import dev.portcullis.iam.store.AuditDigestStore.Digest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's digest schedule: one digest per period, empty periods included, signed. */
class DigestScheduleTest {
  @TempDir
  Path dir;

  @Test
  void run_whenPeriodsEnd_makesOneDigestPerPeriodIncludingAnEmptyOne() throws Exception {
    try (TrailFixture trail = new TrailFixture(dir)) {
      Duration interval = Duration.ofSeconds(10);
      Instant start = Instant.parse("2026-12-04T21:00:03Z");
      trail.append(2, start);
      new DigestSchedule(trail.store(), trail.cipher, trail.accountId,
          Clock.fixed(start, ZoneOffset.UTC), interval).run();
      DigestSchedule second = new DigestSchedule(trail.store(), trail.cipher, trail.accountId,
          Clock.fixed(start.plusSeconds(10), ZoneOffset.UTC), interval);
      second.run();
      second.run(); // the same period: nothing more
      new DigestSchedule(trail.store(), trail.cipher, trail.accountId,
          Clock.fixed(start.plusSeconds(20), ZoneOffset.UTC), interval).run();

      List<Digest> digests = trail.store().read(tx -> tx.auditDigests().list(0, 10));

      assertThat(digests).extracting(d -> d.endTime().toString()).containsExactly(
          "2026-12-04T21:00:00Z", "2026-12-04T21:00:10Z", "2026-12-04T21:00:20Z");
      DigestDocument first = DigestDocument.parse(digests.get(0).document());
      DigestDocument empty = DigestDocument.parse(digests.get(2).document());
      assertThat(first.logFiles().get(0).events()).hasSize(2);
      assertThat(first.previousSignature()).isNull();
      assertThat(empty.logFiles()).isEmpty();
      assertThat(empty.oldestEventTime()).isNull();
      assertThat(empty.previousSignature()).isEqualTo(digests.get(1).signature());
    }
  }
}
