package dev.portcullis.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.audit.integrity.DigestChainCheck;
import dev.portcullis.iam.audit.integrity.DigestKeys;
import dev.portcullis.iam.audit.integrity.Finding;
import dev.portcullis.iam.audit.integrity.LogFileComparison;
import dev.portcullis.iam.audit.integrity.LogFileContent;
import dev.portcullis.iam.audit.integrity.LogFileListing;
import dev.portcullis.iam.audit.integrity.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code audit verify DIR}: checks an export as {@code aws cloudtrail validate-logs} checks a
 * bucket: each digest file's signature and its link to the one before; each log file a digest
 * lists, by the SHA-256 of its content, and, when that differs, event by event against the ids
 * and chain hashes the digest signed; log files no digest lists; the first and last digest
 * named by the export's manifest. One digest and one log file are held at a time.
 */
public final class ExportVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExportVerifier() {}

  /** Thrown when DIR is no export or cannot be read; the message is for users. */
  public static final class UnreadableExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableExportException(String message) {
      super(message);
    }
  }

  public static VerificationReport verify(Path dir, Optional<byte[]> pinnedKey)
      throws IOException {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(ExportFiles.readText(dir, TrailExport.MANIFEST,
          ExportFiles.MAX_MANIFEST));
    } catch (NoSuchFileException e) {
      throw new UnreadableExportException(dir + " is not an audit export (it has no "
          + TrailExport.MANIFEST + ")");
    }
    Map<String, PublicKey> keys = pinnedKey.isPresent()
        ? Map.of(DigestKeys.fingerprint(pinnedKey.get()), DigestKeys.fromPkcs1(pinnedKey.get()))
        : exportedKeys(dir);
    // The manifest is not signed: its anchor (the last event retention removed before the
    // export) can only excuse events of the oldest digest present, never whole log files of
    // later ones, or editing it would hide any change to the trail (see below).
    long claimedAnchor = Math.max(0, manifest.path("anchorSequenceNumber").asLong(0));
    long anchorSeq = -1;
    TreeSet<String> digestFiles = new TreeSet<>();
    TreeSet<String> logFiles = new TreeSet<>();
    Path logs = dir.resolve("AWSLogs");
    if (Files.isDirectory(logs)) {
      try (Stream<Path> all = Files.walk(logs)) {
        all.filter(p -> p.toString().endsWith(".json.gz")).forEach(p -> {
          String rel = dir.relativize(p).toString().replace('\\', '/');
          (rel.contains("/CloudTrail-Digest/") ? digestFiles : logFiles).add(rel);
        });
      }
    }
    VerificationReport report = new VerificationReport();
    if (pinnedKey.isEmpty()) {
      report.keysFromTrail();
    }
    String first = text(manifest, "firstDigest");
    String last = text(manifest, "lastDigest");
    if (first != null && !digestFiles.contains(first)) {
      report.add(new Finding(Finding.Kind.DIGEST_MISSING, first, "the oldest digest"));
    }
    if (last != null && !digestFiles.contains(last)) {
      report.add(new Finding(Finding.Kind.DIGEST_MISSING, last, "the newest digest"));
    }
    DigestChainCheck chain = new DigestChainCheck(keys, report);
    for (String name : digestFiles) {
      String json;
      try {
        json = new String(ExportFiles.readGzip(dir, name, ExportFiles.MAX_DIGEST),
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        json = ""; // reported as unreadable
      }
      String signature;
      try {
        signature = ExportFiles.readSmall(dir, name + ".sig").strip();
      } catch (IOException e) {
        signature = null; // reported as failing verification
      }
      DigestChainCheck.Checked checked = chain.check(name, json, signature);
      if (checked.document() == null) {
        continue;
      }
      if (anchorSeq < 0) {
        // An export holds only digests with an event after the anchor, so the true anchor is
        // below the oldest one's last event.
        anchorSeq = Math.min(claimedAnchor, checked.document().lastSeq() - 1);
        if (anchorSeq > 0) {
          report.removedByRetention(anchorSeq, anchorSeq >= checked.document().firstSeq()
              ? checked.document().endTime() : null);
        }
      }
      for (LogFileListing f : checked.document().logFiles()) {
        if (f.lastSeq() > anchorSeq) {
          logFiles.remove(f.objectName());
          checkLogFile(dir, f, anchorSeq, report);
        }
      }
    }
    long uncovered = 0;
    for (JsonNode u : manifest.path("uncoveredLogFiles")) {
      if (logFiles.remove(u.asText())) {
        uncovered += readRecords(dir, u.asText()).map(List::size).orElse(0);
      }
    }
    if (uncovered > 0) {
      report.add(new Finding(Finding.Kind.UNCOVERED, uncovered + " events",
          "exported after the newest digest: not yet signed"));
    }
    for (String stray : logFiles) {
      report.add(new Finding(Finding.Kind.LOG_FILE_UNEXPECTED, stray,
          "no digest lists it and the export did not write it"));
      report.logFileInvalid();
    }
    return report;
  }

  private static void checkLogFile(Path dir, LogFileListing f, long anchorSeq,
      VerificationReport report) throws IOException {
    byte[] content;
    try {
      content = ExportFiles.readGzip(dir, f.objectName(), ExportFiles.MAX_LOG_FILE);
    } catch (NoSuchFileException e) {
      report.add(new Finding(Finding.Kind.LOG_FILE_MISSING, f.objectName(), f.events().size()
          + " events, seq " + f.firstSeq() + " to " + f.lastSeq()));
      report.logFileInvalid();
      return;
    } catch (IOException e) {
      // Not gzip, too large, or not a file of the export (a name leading out of it or a link
      // to elsewhere, which a digest only names if it was forged).
      report.add(new Finding(Finding.Kind.LOG_FILE_ALTERED, f.objectName(),
          "unreadable: " + e.getMessage()));
      report.logFileInvalid();
      return;
    }
    if (DigestKeys.sha256(content).equals(f.hashValue())) {
      report.logFileValid(f.events().size());
      return;
    }
    report.add(new Finding(Finding.Kind.LOG_FILE_ALTERED, f.objectName(),
        "its hash differs from the one signed"));
    List<String> records;
    try {
      records = LogFileContent.records(new String(content, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      report.logFileInvalid();
      return;
    }
    List<LogFileComparison.Found> found = new ArrayList<>();
    long seq = Math.max(f.firstSeq(), anchorSeq + 1);
    for (String r : records) {
      found.add(new LogFileComparison.Found(seq++, r));
    }
    LogFileComparison.compare(f, found, anchorSeq, report);
    report.logFileInvalid();
  }

  private static Optional<List<String>> readRecords(Path dir, String name) {
    try {
      return Optional.of(LogFileContent.records(new String(ExportFiles.readGzip(dir, name,
          ExportFiles.MAX_LOG_FILE), StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The public keys the export carries, by fingerprint. */
  private static Map<String, PublicKey> exportedKeys(Path dir) throws IOException {
    Map<String, PublicKey> keys = new HashMap<>();
    Path folder = dir.resolve("public-keys");
    if (Files.isDirectory(folder)) {
      try (Stream<Path> pems = Files.list(folder)) {
        pems.forEach(p -> {
          try {
            byte[] der = DigestKeys.fromPem(ExportFiles.readSmall(dir,
                dir.relativize(p).toString()));
            keys.put(DigestKeys.fingerprint(der), DigestKeys.fromPkcs1(der));
          } catch (IOException | IllegalArgumentException e) {
            // not a key: digests signed by it are reported as signed by an unknown key
          }
        });
      }
    }
    return keys;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
