package dev.portcullis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.integrity.StoreVerifier;
import dev.portcullis.iam.audit.integrity.VerificationReport;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify --store} after the anchor moved: retention and an attacker who deletes
 * events and moves the anchor look alike, so the report says how far and how recent it went.
 */
class StoreRetentionNoteTest {
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

  @Test
  void print_whenTheAnchorMovedPastSignedEvents_saysUpToWhereAndWhenTheyWereSigned() {
    // Everything but the two newest events goes, the newest removed signed at 20:20.
    trail.store().writeUsage(tx -> tx.audit().deleteBefore(
        TrailFixture.T0.plus(TrailFixture.INTERVAL.multipliedBy(4))));

    VerificationReport report = StoreVerifier.verify(trail.store(), Optional.empty());

    String printed = ExportTamperTest.print(report);
    assertThat(printed).contains("NOTE: events up to seq 1507 were removed by retention, the "
        + "newest of them signed in the digest ending 2026-12-04T20:20:00Z; compare with the "
        + "retention period");
  }

  @Test
  void print_whenNothingWasRemoved_saysNothingOfRetention() {
    VerificationReport report = StoreVerifier.verify(trail.store(), Optional.empty());

    assertThat(ExportTamperTest.print(report)).doesNotContain("removed by retention");
  }
}
