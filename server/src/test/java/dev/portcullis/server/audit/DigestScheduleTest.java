package dev.portcullis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.integrity.DigestDocument;
import dev.portcullis.iam.store.AuditDigestStore.Digest;
import dev.portcullis.iam.audit.integrity.AuditSigningKeys;
import dev.portcullis.iam.store.AuditDigestStore.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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

  @Test
  void signingKey_whenStored_hasItsPrivateKeyOnlySealedUnderTheDataKey() throws Exception {
    try (TrailFixture trail = new TrailFixture(dir)) {
      AuditSigningKeys.Opened opened = AuditSigningKeys.ensure(trail.store(), trail.cipher,
          trail.accountId, Instant.now());
      SigningKey stored = trail.store().read(tx -> tx.auditDigests().currentKey(
          trail.accountId)).orElseThrow();
      String clear = Base64.getEncoder().encodeToString(opened.privateKey().getEncoded());
      trail.close(); // flush the database file

      assertThat(stored.privateKeySealed()).startsWith("v1:").doesNotContain(clear);
      assertThat(stored.fingerprint()).isEqualTo(opened.fingerprint());
      for (String file : List.of("portcullis.db", "portcullis.db-wal")) {
        Path p = dir.resolve("data").resolve(file);
        if (Files.exists(p)) {
          assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets
              .ISO_8859_1)).doesNotContain(clear.substring(0, 40));
        }
      }
    }
  }

  @Test
  void publicKeys_whenAskedAsListPublicKeysAsks_returnTheCurrentKeyWithItsFingerprint()
      throws Exception {
    try (TrailFixture trail = new TrailFixture(dir)) {
      SigningKey stored = trail.store().read(tx -> tx.auditDigests().currentKey(
          trail.accountId)).orElseThrow();

      List<dev.portcullis.iam.audit.integrity.DigestPublicKey> now =
          AuditSigningKeys.publicKeys(trail.store(), trail.accountId, null, null);
      List<dev.portcullis.iam.audit.integrity.DigestPublicKey> before =
          AuditSigningKeys.publicKeys(trail.store(), trail.accountId, null,
              stored.validFrom().minusSeconds(1));

      assertThat(now).singleElement().satisfies(k -> {
        assertThat(k.value()).isEqualTo(stored.publicKey());
        assertThat(k.fingerprint()).isEqualTo(
            dev.portcullis.iam.audit.integrity.DigestKeys.fingerprint(stored.publicKey()));
        assertThat(k.validityStart()).isEqualTo(stored.validFrom());
        assertThat(k.validityEnd()).isNull();
      });
      assertThat(before).isEmpty();
    }
  }
}
