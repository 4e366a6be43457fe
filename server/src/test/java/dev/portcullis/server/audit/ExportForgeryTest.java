package dev.portcullis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.iam.audit.integrity.DigestKeys;
import dev.portcullis.iam.audit.integrity.VerificationReport;
import dev.portcullis.server.testing.ExportTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify DIR} on an export an attacker controls: the unsigned manifest, file names
 * that lead elsewhere, files that are no files, gzip that inflates without end.
 */
class ExportForgeryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path dir;
  private static TrailFixture trail;
  private static Path export;
  private static int copies;

  @BeforeAll
  static void exportStandardTrail() throws Exception {
    trail = new TrailFixture(dir);
    trail.standardTrail();
    export = dir.resolve("export");
    TrailExport.write(trail.store(), export, Instant.now());
  }

  @AfterAll
  static void close() {
    trail.close();
  }

  @Test
  void verify_whenTheManifestClaimsRetentionRemovedEverySignedEvent_stillChecksTheLogFiles()
      throws Exception {
    Path copy = copy();
    // The attacker deletes every signed log file but one, which it rewrites, and edits the
    // unsigned manifest: retention removed everything, and the rewritten file is "not yet
    // signed".
    List<String> logs = logFiles(copy);
    String kept = logs.get(logs.size() - 1);
    for (String f : logs) {
      if (!f.equals(kept)) {
        Files.delete(copy.resolve(f));
      }
    }
    writeGzip(copy.resolve(kept), "{\"Records\":[]}");
    ObjectNode manifest = (ObjectNode) JSON.readTree(copy.resolve(TrailExport.MANIFEST)
        .toFile());
    manifest.put("anchorSequenceNumber", 1_000_000_000L);
    manifest.putArray("uncoveredLogFiles").add(kept);
    Files.writeString(copy.resolve(TrailExport.MANIFEST), manifest.toString());

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    String printed = ExportTamperTest.print(report);
    assertThat(report.exitCode()).as(printed).isEqualTo(1);
    assertThat(printed).contains("INVALID: missing").doesNotContain("The audit trail is intact");
  }

  @Test
  void verify_whenALogFileIsAFifo_reportsItWithoutWaitingForAWriter() throws Exception {
    Path copy = copy();
    String log = logFiles(copy).get(0);
    Files.delete(copy.resolve(log));
    Process mkfifo = new ProcessBuilder("mkfifo", copy.resolve(log).toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    VerificationReport report = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> ExportVerifier.verify(copy, Optional.empty()));

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(ExportTamperTest.lines(report)).anyMatch(l -> l.startsWith("Log file\t" + log)
        && l.contains("not a regular file inside the export"));
  }

  @Test
  void verify_whenTheManifestIsAFifo_failsAsUnreadableWithoutWaiting() throws Exception {
    Path copy = copy();
    Files.delete(copy.resolve(TrailExport.MANIFEST));
    Process mkfifo = new ProcessBuilder("mkfifo", copy.resolve(TrailExport.MANIFEST).toString())
        .start();
    assertThat(mkfifo.waitFor()).isZero();

    assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThatThrownBy(() -> ExportVerifier.verify(copy, Optional.empty()))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("not a regular file inside the export"));
  }

  @Test
  void verify_whenALogFileLinksOutsideTheExport_doesNotFollowTheLink() throws Exception {
    Path copy = copy();
    String log = logFiles(copy).get(0);
    Path outside = dir.resolve("outside-" + copies + ".json.gz");
    Files.move(copy.resolve(log), outside);
    Files.createSymbolicLink(copy.resolve(log), outside);

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(ExportTamperTest.lines(report)).anyMatch(l -> l.startsWith("Log file\t" + log)
        && l.contains("not a regular file inside the export"));
  }

  @Test
  void print_whenAFileNameHoldsTerminalEscapesAndNewlines_showsThemEscaped() throws Exception {
    Path copy = copy();
    // ESC [8m would hide the rest of the report on a terminal, the newline forge a line.
    String name = "evil\u001b[8m\nThe audit trail is intact.\n.json.gz";
    writeGzip(copy.resolve("AWSLogs").resolve(name), "{\"Records\":[]}");

    VerificationReport report = ExportVerifier.verify(copy, Optional.empty());

    String printed = ExportTamperTest.print(report);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(printed).doesNotContain("\u001b").doesNotContain("\nThe audit trail is intact")
        .contains("AWSLogs/evil\\u001b[8m\\u000aThe audit trail is intact.\\u000a.json.gz\t"
            + "INVALID: not listed in any digest");
  }

  @Test
  void print_whenNoKeyIsPinned_saysTheKeysCameWithTheTrail() throws Exception {
    byte[] saved = DigestKeys.fromPem(Files.readString(export.resolve("public-key.pem")));

    String unpinned = ExportTamperTest.print(ExportVerifier.verify(export, Optional.empty()));
    String pinned = ExportTamperTest.print(ExportVerifier.verify(export, Optional.of(saved)));

    assertThat(unpinned).contains("NOTE: the digests were checked with the public keys stored "
        + "with the trail itself", "--public-key FILE", "The audit trail is intact.");
    assertThat(pinned).doesNotContain("NOTE: the digests").contains("The audit trail is intact.");
  }

  @Test
  void readGzip_whenAFileInflatesPastTheLimit_refusesIt() throws Exception {
    Path bomb = dir.resolve("bomb.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
      byte[] zeros = new byte[1 << 16];
      for (int i = 0; i < 64; i++) {
        out.write(zeros); // 4 MiB inflated, a few kilobytes on disk
      }
    }

    assertThat(Files.size(bomb)).isLessThan(64 * 1024);
    assertThatThrownBy(() -> ExportFiles.readGzip(dir, "bomb.json.gz", 1 << 20))
        .isInstanceOf(IOException.class).hasMessageContaining("larger than 1048576 bytes");
    assertThat(ExportFiles.readGzip(dir, "bomb.json.gz", 8 << 20)).hasSize(4 << 20);
  }

  private static Path copy() throws IOException {
    Path to = dir.resolve("forged-" + (++copies));
    return ExportTrees.copy(export, to);
  }

  /** The log files the digests list (not the uncovered ones), oldest first. */
  private static List<String> logFiles(Path root) throws IOException {
    List<String> uncovered = new ArrayList<>();
    JSON.readTree(root.resolve(TrailExport.MANIFEST).toFile()).path("uncoveredLogFiles")
        .forEach(n -> uncovered.add(n.asText()));
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
          .filter(f -> f.contains("/CloudTrail/") && f.endsWith(".json.gz")).sorted()
          .filter(f -> !uncovered.contains(f)).toList();
    }
  }

  private static void writeGzip(Path file, String content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
