package dev.portcullis.server.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.iam.audit.integrity.DigestDocument;
import dev.portcullis.iam.audit.integrity.DigestKeys;
import dev.portcullis.iam.audit.integrity.LogFileContent;
import dev.portcullis.iam.audit.integrity.LogFileListing;
import dev.portcullis.iam.audit.integrity.TrailLayout;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditDigestStore.Digest;
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
  private static final int PAGE = 1000;

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
    String firstDigest = null;
    String lastDigest = null;
    long coveredTo = anchor.seq();
    int digests = 0;
    int logFiles = 0;
    long events = 0;
    long lastNumber = 0;
    while (true) {
      long after = lastNumber;
      List<Digest> page = store.read(tx -> tx.auditDigests().list(after, 10));
      if (page.isEmpty()) {
        break;
      }
      for (Digest d : page) {
        lastNumber = d.number();
        DigestDocument doc = DigestDocument.parse(d.document());
        if (anchor.seq() > 0 && doc.lastSeq() <= anchor.seq()) {
          continue; // every event it covers was removed by retention
        }
        try (OutputStream out = ExportFiles.createGzip(dir, d.objectName())) {
          out.write(d.document().getBytes(StandardCharsets.UTF_8));
        }
        ExportFiles.write(dir, d.objectName() + ".sig",
            d.signature().getBytes(StandardCharsets.US_ASCII));
        firstDigest = firstDigest == null ? d.objectName() : firstDigest;
        lastDigest = d.objectName();
        digests++;
        for (LogFileListing f : doc.logFiles()) {
          if (f.lastSeq() > anchor.seq()) {
            events += writeLogFile(store, dir, f.objectName(),
                Math.max(f.firstSeq(), anchor.seq() + 1), f.lastSeq());
            logFiles++;
          }
        }
        coveredTo = Math.max(coveredTo, doc.lastSeq());
      }
    }
    List<String> uncovered = new ArrayList<>();
    long uncoveredEvents = writeUncovered(store, dir, account, coveredTo + 1, uncovered::add);
    writeManifest(dir, account, now, anchor.seq(), firstDigest, lastDigest, uncovered);
    return new Summary(digests, logFiles + uncovered.size(), events + uncoveredEvents,
        uncoveredEvents);
  }

  /** Writes the events from {@code from} to {@code to} as one log file; returns how many. */
  private static long writeLogFile(Store store, Path dir, String name, long from, long to)
      throws IOException {
    long n = 0;
    try (OutputStream out = ExportFiles.createGzip(dir, name)) {
      LogFileContent content = new LogFileContent(out);
      for (long next = from; next <= to; ) {
        long start = next;
        List<StoredAuditEvent> page = store.read(tx -> tx.audit().range(start, PAGE));
        for (StoredAuditEvent e : page) {
          if (e.seq() <= to) {
            content.add(e.event().record());
            n++;
          }
        }
        if (page.size() < PAGE) {
          break;
        }
        next = page.get(page.size() - 1).seq() + 1;
      }
      content.finish();
    }
    return n;
  }

  /** The events no digest covers yet, in log files of at most the usual size. */
  private static long writeUncovered(Store store, Path dir, String account, long from,
      Consumer<String> names) throws IOException {
    long n = 0;
    List<StoredAuditEvent> batch = new ArrayList<>();
    for (long next = from; ; ) {
      long start = next;
      List<StoredAuditEvent> page = store.read(tx -> tx.audit().range(start, PAGE));
      for (StoredAuditEvent e : page) {
        batch.add(e);
        if (batch.size() == TrailLayout.EVENTS_PER_LOG_FILE) {
          n += flush(dir, account, batch, names);
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      next = page.get(page.size() - 1).seq() + 1;
    }
    return n + flush(dir, account, batch, names);
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
