package dev.portcullis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.integrity.DigestKeys;
import dev.portcullis.iam.audit.integrity.Finding;
import dev.portcullis.iam.audit.integrity.LogFileContent;
import dev.portcullis.iam.audit.integrity.VerificationReport;
import dev.portcullis.server.testing.ExportTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit verify DIR} on an export, untouched and after each kind of tampering. */
class ExportTamperTest {
  @TempDir
  static Path dir;
  private static TrailFixture trail;
  private static Path export;
  private static List<String> firstIds;
  private static int copies;

  @BeforeAll
  static void exportStandardTrail() throws Exception {
    trail = new TrailFixture(dir);
    trail.standardTrail();
    firstIds = trail.store().read(tx -> tx.audit().range(1, 3)).stream()
        .map(e -> e.event().eventId()).toList();
    export = dir.resolve("export");
    TrailExport.write(trail.store(), export, Instant.now());
  }

  @AfterAll
  static void close() {
    trail.close();
  }

  @Test
  void verify_whenTheExportIsUntouched_findsEveryFileValidAndExitsZero() throws Exception {
    VerificationReport report = ExportVerifier.verify(export, Optional.empty());

    String printed = print(report);
    assertThat(report.exitCode()).as(printed).isZero();
    assertThat(printed).contains("4/4 digest files valid", "4/4 log files valid",
        "1507 events checked", "The audit trail is intact.");
    assertThat(report.findings()).extracting(Finding::kind)
        .containsExactly(Finding.Kind.UNCOVERED);
  }

  @Test
  void export_whenWritten_isPrivateAndInCloudTrailsLayout() throws Exception {
    List<String> files = files(export);
    assertThat(files).anyMatch(f -> f.matches("AWSLogs/\\d{12}/CloudTrail/us-east-1/2026/12/04/"
        + "\\d{12}_CloudTrail_us-east-1_20261204T\\d{4}Z_\\d{16}\\.json\\.gz"));
    assertThat(files).anyMatch(f -> f.matches("AWSLogs/\\d{12}/CloudTrail-Digest/us-east-1/"
        + "2026/12/04/\\d{12}_CloudTrail-Digest_us-east-1_portcullis_us-east-1_20261204T"
        + "\\d{6}Z\\.json\\.gz"));
    try (Stream<Path> all = Files.walk(export)) {
      for (Path p : all.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
            .as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
      }
    }
    String digest = new String(ExportFiles.readGzip(export.resolve(digests(export).get(1))),
        StandardCharsets.UTF_8);
    assertThat(digest).contains("\"digestSignatureAlgorithm\":\"SHA256withRSA\"",
        "\"previousDigestHashAlgorithm\":\"SHA-256\"", "\"logFiles\":[{\"s3Bucket\"");
  }

  @Test
  void verify_whenAFieldOfOneEventChanged_namesTheEvent() throws Exception {
    Path copy = copy();
    editRecords(copy, firstLogFile(copy), records -> {
      records.set(1, records.get(1).replace("user-1", "mallory"));
      return records;
    });

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).anyMatch(l -> l.contains(firstIds.get(1) + " at seq 2")
        && l.contains("INVALID: changed"));
    assertThat(lines(report)).anyMatch(l -> l.startsWith("Log file") && l.contains("altered"));
  }

  @Test
  void verify_whenAnEventWasDeleted_namesTheEvent() throws Exception {
    Path copy = copy();
    editRecords(copy, firstLogFile(copy), records -> {
      records.remove(2);
      return records;
    });

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).anyMatch(l -> l.contains(firstIds.get(2) + " at seq 3")
        && l.contains("INVALID: removed"));
  }

  @Test
  void verify_whenAnEventWasInserted_namesTheEvent() throws Exception {
    Path copy = copy();
    String forged = "f0f0f0f0-0000-4000-8000-000000000001";
    editRecords(copy, firstLogFile(copy), records -> {
      records.add(1, TrailFixture.event(forged, TrailFixture.T0, "DeleteUser", "bob").record());
      return records;
    });

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).anyMatch(l -> l.contains(forged + " at seq 2")
        && l.contains("INVALID: inserted"));
  }

  @Test
  void verify_whenTwoEventsWereReordered_namesBoth() throws Exception {
    Path copy = copy();
    editRecords(copy, firstLogFile(copy), records -> {
      Collections.swap(records, 0, 1);
      return records;
    });

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).anyMatch(l -> l.contains(firstIds.get(0) + " at seq 2")
        && l.contains("INVALID: reordered (signed at seq 1)"));
    assertThat(lines(report)).anyMatch(l -> l.contains(firstIds.get(1) + " at seq 1")
        && l.contains("INVALID: reordered (signed at seq 2)"));
  }

  @Test
  void verify_whenALogFileWasDeleted_namesTheFile() throws Exception {
    Path copy = copy();
    String file = firstLogFile(copy);
    Files.delete(copy.resolve(file));

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Log file\t" + file
        + "\tINVALID: missing (3 events, seq 1 to 3)");
  }

  @Test
  void verify_whenADigestFileWasAltered_namesTheDigest() throws Exception {
    Path copy = copy();
    String digest = digests(copy).get(1);
    String json = new String(ExportFiles.readGzip(copy.resolve(digest)), StandardCharsets.UTF_8);
    writeGzip(copy.resolve(digest), json.replace("\"digestNumber\":2",
        "\"digestNumber\":2 "));

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).contains("Digest file\t" + digest
        + "\tINVALID: invalid (signature verification failed)");
  }

  @Test
  void verify_whenADigestFileWasDeleted_namesTheDigest() throws Exception {
    Path copy = copy();
    List<String> digests = digests(copy);
    Files.delete(copy.resolve(digests.get(1)));
    Files.delete(copy.resolve(digests.get(3)));

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(lines(report)).anyMatch(l -> l.startsWith("Digest file\t" + digests.get(1))
        && l.contains("INVALID: missing"));
    assertThat(lines(report)).contains("Digest file\t" + digests.get(3)
        + "\tINVALID: missing (the newest digest)");
  }

  @Test
  void verify_whenPinnedToAnotherKey_trustsNoDigest() throws Exception {
    byte[] other = DigestKeys.pkcs1(DigestKeys.generate().getPublic());

    VerificationReport report = ExportVerifier.verify(export, Optional.of(other));

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(print(report)).contains("0/4 digest files valid", "not a trusted public key");
  }

  static String print(VerificationReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.print(new PrintStream(out, true, StandardCharsets.UTF_8), "test");
    return out.toString(StandardCharsets.UTF_8);
  }

  static List<String> lines(VerificationReport report) {
    return report.findings().stream().map(Finding::line).toList();
  }

  private static Path copy() throws IOException {
    Path to = dir.resolve("copy-" + (++copies));
    return ExportTrees.copy(export, to);
  }

  private static List<String> files(Path root) throws IOException {
    return ExportTrees.files(root);
  }

  private static List<String> digests(Path root) throws IOException {
    return files(root).stream().filter(f -> f.contains("/CloudTrail-Digest/")
        && f.endsWith(".json.gz")).toList();
  }

  /** The log file of the first period (its three events, seq 1 to 3). */
  private static String firstLogFile(Path root) throws IOException {
    return files(root).stream().filter(f -> f.contains("/CloudTrail/")
        && f.endsWith("_0000000000000001.json.gz")).findFirst().orElseThrow();
  }

  private static void editRecords(Path root, String file, UnaryOperator<List<String>> edit)
      throws IOException {
    Path path = root.resolve(file);
    List<String> records = new ArrayList<>(LogFileContent.records(new String(
        ExportFiles.readGzip(path), StandardCharsets.UTF_8)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogFileContent content = new LogFileContent(out);
    edit.apply(records).forEach(content::add);
    content.finish();
    writeGzip(path, out.toString(StandardCharsets.UTF_8));
  }

  private static void writeGzip(Path file, String content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }
}
