package dev.portcullis.iam.audit.integrity;

import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditDigestStore;
import dev.portcullis.iam.store.AuditDigestStore.Digest;
import dev.portcullis.iam.store.AuditStore;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes the signed digest of each period: every {@code interval} (periods aligned to the epoch,
 * so every node agrees on them), one digest over the events appended since the previous digest,
 * even when there are none, signed as CloudTrail signs its digest files. Nodes that race to make
 * the same period's digest insert under one number and end time: one wins, the rest find it.
 */
public final class Digester {
  private static final int PAGE = 500;
  private final String accountId;
  private final String region;
  private final PrivateKey key;
  private final String fingerprint;
  private final Duration interval;

  public Digester(String accountId, String region, PrivateKey key, String fingerprint,
      Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the digest interval must be positive");
    }
    this.accountId = accountId;
    this.region = region;
    this.key = key;
    this.fingerprint = fingerprint;
    this.interval = interval;
  }

  /** The end of the period that {@code now} closes: {@code now} rounded down to the interval. */
  public Instant periodEnd(Instant now) {
    long ms = interval.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), ms) * ms);
  }

  /**
   * Makes the digest due at {@code now}, if no node has: returns it when this call stored it.
   * Run it in one write transaction with {@code events} and {@code digests} of that transaction.
   */
  public Optional<Digest> makeDue(AuditStore events, AuditDigestStore digests, Instant now) {
    Instant end = periodEnd(now);
    Optional<Digest> previous = digests.latest();
    if (previous.isPresent() && !previous.get().endTime().isBefore(end)) {
      return Optional.empty();
    }
    Digest digest = make(events, previous, end);
    return digests.insert(digest) ? Optional.of(digest) : Optional.empty();
  }

  private Digest make(AuditStore events, Optional<Digest> previous, Instant end) {
    StoredAuditEvent.Anchor anchor = events.anchor();
    long firstSeq = previous.map(d -> d.lastSeq() + 1).orElse(anchor.seq() + 1);
    String previousEventHash = previous.map(Digest::lastEventHash).orElse(anchor.hash());
    long headSeq = events.head().map(StoredAuditEvent::seq).orElse(firstSeq - 1);
    Instant start = previous.map(Digest::endTime).orElse(end.minus(interval));
    List<LogFileListing> files = new ArrayList<>();
    FileBuilder file = null;
    String lastHash = previousEventHash;
    long lastSeq = firstSeq - 1;
    Instant oldest = null;
    Instant newest = null;
    for (long next = firstSeq; next <= headSeq; ) {
      List<StoredAuditEvent> page = events.range(next, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (StoredAuditEvent e : page) {
        if (e.seq() > headSeq) {
          break; // appended after this digest began: the next digest covers it
        }
        if (file == null) {
          file = new FileBuilder(e.seq(), lastHash);
        }
        file.add(e);
        lastHash = e.hash();
        lastSeq = e.seq();
        Instant t = e.event().eventTime();
        oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
        newest = newest == null || t.isAfter(newest) ? t : newest;
        if (file.entries.size() == TrailLayout.EVENTS_PER_LOG_FILE) {
          files.add(file.finish());
          file = null;
        }
      }
      next = page.get(page.size() - 1).seq() + 1;
    }
    if (file != null) {
      files.add(file.finish());
    }
    String object = TrailLayout.digestFile(accountId, region, end);
    String previousSignature = previous.map(Digest::signature).orElse(null);
    DigestDocument doc = new DigestDocument(previous.map(d -> d.number() + 1).orElse(1L),
        accountId, TrailLayout.time(start), TrailLayout.time(end), object, fingerprint,
        oldest == null ? null : TrailLayout.time(oldest),
        newest == null ? null : TrailLayout.time(newest),
        previous.map(Digest::objectName).orElse(null),
        previous.map(d -> DigestKeys.sha256(d.document().getBytes(StandardCharsets.UTF_8)))
            .orElse(null), previousSignature, firstSeq, lastSeq, previousEventHash, lastHash,
        files);
    String json = doc.toJson();
    String signature = DigestKeys.sign(key, TrailLayout.stringToSign(doc.endTime(), object,
        DigestKeys.sha256(json.getBytes(StandardCharsets.UTF_8)), previousSignature));
    return new Digest(doc.number(), accountId, start, end, firstSeq, lastSeq, lastHash, object,
        json, signature);
  }

  /** One log file being listed: its content hashed as the export will write it. */
  private final class FileBuilder {
    private final long firstSeq;
    private final String previousHash;
    private final LogFileContent content = new LogFileContent(null);
    private final List<LogFileListing.Entry> entries = new ArrayList<>();
    private Instant oldest;
    private Instant newest;

    FileBuilder(long firstSeq, String previousHash) {
      this.firstSeq = firstSeq;
      this.previousHash = previousHash;
    }

    void add(StoredAuditEvent e) {
      content.add(e.event().record());
      entries.add(new LogFileListing.Entry(e.event().eventId(), e.hash()));
      Instant t = e.event().eventTime();
      oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
      newest = newest == null || t.isAfter(newest) ? t : newest;
    }

    LogFileListing finish() {
      return new LogFileListing(TrailLayout.logFile(accountId, region, newest, firstSeq),
          content.finish(), TrailLayout.time(oldest), TrailLayout.time(newest), firstSeq,
          previousHash, entries);
    }
  }
}
