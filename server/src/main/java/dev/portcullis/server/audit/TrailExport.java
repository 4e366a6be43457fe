package dev.portcullis.server.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.iam.audit.integrity.DigestDocument;
import dev.portcullis.iam.audit.integrity.DigestKeys;
import dev.portcullis.iam.audit.integrity.LogFileContent;
import dev.portcullis.iam.audit.integrity.LogFileListing;
import dev.portcullis.iam.audit.integrity.StoredTrailPages;
import dev.portcullis.iam.audit.integrity.TrailLayout;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditDigestStore.SigningKey;
import dev.portcullis.iam.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code audit export --to DIR}: the trail as CloudTrail delivers it to S3, with DIR as the
 * bucket: gzip'd log files {@code {"Records":[...]}} holding each stored record unchanged, the
 * signed digest files (each one's signature, which CloudTrail keeps in the S3 object metadata
 * {@code x-amz-meta-signature}, in a sidecar file {@code DIGEST.json.gz.sig}), the public keys
 * ({@code public-keys/FINGERPRINT.pem}, the current one also as {@code public-key.pem}) and
 * {@code portcullis-export.json}, naming the first and last digest and the log files of events
 * no digest covers yet. Needs no private key; streams the store a page at a time.
 */
public final class TrailExport {
  static final String MANIFEST = "portcullis-export.json";

  private TrailExport() {}

  /** What an export wrote. */
  public record Summary(int digests, int logFiles, long events, long uncoveredEvents) {}

  public static Summary write(Store store, Path dir, Instant now) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(dir + " is not empty: export into a new directory");
        }
      }
    }
    ExportFiles.createPrivateDirectories(dir);
    String account = store.read(tx -> tx.accounts().primary()).map(Account::accountId)
        .orElseThrow(() -> new IllegalStateException("the database has no account yet"));
    List<SigningKey> keys = store.read(tx -> tx.auditDigests().keys(account));
    for (SigningKey k : keys) {
      ExportFiles.write(dir, "public-keys/" + k.fingerprint() + ".pem",
          DigestKeys.pem(k.publicKey()).getBytes(StandardCharsets.US_ASCII));
    }
    if (!keys.isEmpty()) {
      ExportFiles.write(dir, "public-key.pem", DigestKeys.pem(keys.get(keys.size() - 1)
          .publicKey()).getBytes(StandardCharsets.US_ASCII));
    }
    StoredAuditEvent.Anchor anchor = store.read(tx -> tx.audit().anchor());
    Written w = new Written(anchor.seq());
    StoredTrailPages.eachDigest(store, d -> {
      DigestDocument doc = DigestDocument.parse(d.document());
      if (anchor.seq() > 0 && doc.lastSeq() <= anchor.seq()) {
        return; // every event it covers was removed by retention
      }
      try (OutputStream out = ExportFiles.createGzip(dir, d.objectName())) {
        out.write(d.document().getBytes(StandardCharsets.UTF_8));
      }
      ExportFiles.write(dir, d.objectName() + ".sig",
          d.signature().getBytes(StandardCharsets.US_ASCII));
      w.firstDigest = w.firstDigest == null ? d.objectName() : w.firstDigest;
      w.lastDigest = d.objectName();
      w.digests++;
      for (LogFileListing f : doc.logFiles()) {
        if (f.lastSeq() > anchor.seq()) {
          w.events += writeLogFile(store, dir, f.objectName(),
              Math.max(f.firstSeq(), anchor.seq() + 1), f.lastSeq());
          w.logFiles++;
        }
      }
      w.coveredTo = Math.max(w.coveredTo, doc.lastSeq());
    });
    List<String> uncovered = new ArrayList<>();
    long uncoveredEvents = writeUncovered(store, dir, account, w.coveredTo + 1, uncovered::add);
    writeManifest(dir, account, now, anchor.seq(), w.firstDigest, w.lastDigest, uncovered);
    return new Summary(w.digests, w.logFiles + uncovered.size(), w.events + uncoveredEvents,
        uncoveredEvents);
  }

  /** What the walk over the digests has written so far. */
  private static final class Written {
    String firstDigest;
    String lastDigest;
    long coveredTo;
    int digests;
    int logFiles;
    long events;

    Written(long coveredTo) {
      this.coveredTo = coveredTo;
    }
  }

  /** Writes the events from {@code from} to {@code to} as one log file; returns how many. */
  private static long writeLogFile(Store store, Path dir, String name, long from, long to)
      throws IOException {
    long[] n = {0};
    try (OutputStream out = ExportFiles.createGzip(dir, name)) {
      LogFileContent content = new LogFileContent(out);
      StoredTrailPages.eachEvent(store, from, to, e -> {
        content.add(e.event().record());
        n[0]++;
      });
      content.finish();
    }
    return n[0];
  }

  /** The events no digest covers yet, in log files of at most the usual size. */
  private static long writeUncovered(Store store, Path dir, String account, long from,
      Consumer<String> names) throws IOException {
    long[] n = {0};
    List<StoredAuditEvent> batch = new ArrayList<>();
    StoredTrailPages.eachEvent(store, from, Long.MAX_VALUE, e -> {
      batch.add(e);
      if (batch.size() == TrailLayout.EVENTS_PER_LOG_FILE) {
        n[0] += flush(dir, account, batch, names);
      }
    });
    return n[0] + flush(dir, account, batch, names);
  }

  private static long flush(Path dir, String account, List<StoredAuditEvent> batch,
      Consumer<String> names) throws IOException {
    if (batch.isEmpty()) {
      return 0;
    }
    Instant newest = batch.stream().map(e -> e.event().eventTime()).max(Instant::compareTo)
        .orElseThrow();
    String name = TrailLayout.logFile(account, TrailLayout.REGION, newest, batch.get(0).seq());
    try (OutputStream out = ExportFiles.createGzip(dir, name)) {
      LogFileContent content = new LogFileContent(out);
      batch.forEach(e -> content.add(e.event().record()));
      content.finish();
    }
    names.accept(name);
    long n = batch.size();
    batch.clear();
    return n;
  }

  private static void writeManifest(Path dir, String account, Instant now, long anchorSeq,
      String firstDigest, String lastDigest, List<String> uncovered) throws IOException {
    try (OutputStream out = ExportFiles.create(dir, MANIFEST);
        JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("awsAccountId", account);
      g.writeStringField("exportTime", TrailLayout.time(now));
      g.writeNumberField("anchorSequenceNumber", anchorSeq);
      g.writeStringField("firstDigest", firstDigest);
      g.writeStringField("lastDigest", lastDigest);
      g.writeArrayFieldStart("uncoveredLogFiles");
      for (String u : uncovered) {
        g.writeString(u);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
