package dev.portcullis.iam.audit.integrity;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.audit.RecordLookupValues;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditDigestStore.Digest;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.UnreadableAuditSegment;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code audit verify --store}: checks the database's own trail. Every stored digest is checked
 * ({@link DigestChainCheck}), then the rows of each log file it lists are compared with the
 * events it signed ({@link LogFileComparison}); the events after the newest digest are checked
 * link by link from its last signed hash, and reported as not yet provable. Every row's
 * lookup values must be those its record gives ({@link RecordLookupValues}). Reads the store a
 * page at a time: memory is bounded by one digest, not by the trail.
 */
public final class StoreVerifier {
  private static final int PAGE = 1000;

  private StoreVerifier() {}

  /** Verifies against the keys stored for each account, or only {@code pinnedKey} (PKCS#1). */
  public static VerificationReport verify(Store store, Optional<byte[]> pinnedKey) {
    VerificationReport report = new VerificationReport();
    if (pinnedKey.isEmpty()) {
      report.keysFromTrail();
    }
    StoredAuditEvent.Anchor anchor = store.read(tx -> tx.audit().anchor());
    if (anchor.seq() > 0) {
      report.removedByRetention(anchor.seq(), null);
    }
    Map<String, PublicKey> keys = new HashMap<>();
    pinnedKey.ifPresent(k -> keys.put(DigestKeys.fingerprint(k), DigestKeys.fromPkcs1(k)));
    Map<String, Boolean> accountsLoaded = new HashMap<>();
    DigestChainCheck chain = null;
    long lastNumber = 0;
    long coveredTo = anchor.seq();
    String lastHash = anchor.hash();
    while (true) {
      long after = lastNumber;
      List<Digest> page = store.read(tx -> tx.auditDigests().list(after, 10));
      if (page.isEmpty()) {
        break;
      }
      for (Digest d : page) {
        if (pinnedKey.isEmpty() && accountsLoaded.putIfAbsent(d.accountId(), true) == null) {
          store.read(tx -> tx.auditDigests().keys(d.accountId())).forEach(k ->
              keys.put(k.fingerprint(), DigestKeys.fromPkcs1(k.publicKey())));
        }
        chain = chain != null ? chain : new DigestChainCheck(keys, report);
        if (d.number() != lastNumber + 1) {
          report.add(new Finding(Finding.Kind.DIGEST_MISSING, "digest number "
              + (lastNumber + 1) + (d.number() > lastNumber + 2 ? " to " + (d.number() - 1)
              : ""), "deleted from the store"));
        }
        DigestChainCheck.Checked checked = chain.check(d.objectName(), d.document(),
            d.signature());
        lastNumber = d.number();
        if (d.firstSeq() <= anchor.seq() && anchor.seq() <= d.lastSeq()) {
          report.removedByRetention(anchor.seq(), TrailLayout.time(d.endTime()));
        }
        if (checked.document() == null) {
          continue;
        }
        for (LogFileListing file : checked.document().logFiles()) {
          if (file.lastSeq() <= anchor.seq()) {
            continue; // its events were removed by retention
          }
          List<LogFileComparison.Found> found = new ArrayList<>();
          for (StoredAuditEvent e : events(store, Math.max(file.firstSeq(), anchor.seq() + 1),
              file.lastSeq(), report)) {
            found.add(new LogFileComparison.Found(e.seq(), e.event().record()));
            checkLookupValues(e, report);
          }
          report.logFile(LogFileComparison.compare(file, found, anchor.seq(), report));
        }
        if (checked.document().lastSeq() > coveredTo) {
          coveredTo = checked.document().lastSeq();
          lastHash = checked.document().lastEventHash();
        }
      }
    }
    long lastStored = checkUncovered(store, coveredTo, lastHash, report);
    checkHead(store, anchor.seq(), lastStored, report);
    long staged = store.read(tx -> tx.audit().staged());
    if (staged > 0) {
      report.add(new Finding(Finding.Kind.STAGED, staged + " events", "committed with their "
          + "changes; the server chains them within a second of running"));
    }
    return report;
  }

  /** The rows from {@code from} to {@code to}, read a page at a time. */
  private static List<StoredAuditEvent> events(Store store, long from, long to,
      VerificationReport report) {
    List<StoredAuditEvent> out = new ArrayList<>();
    for (long next = from; next <= to; ) {
      long start = next;
      List<StoredAuditEvent> page;
      long resume = 0;
      try {
        page = store.read(tx -> tx.audit().range(start, PAGE));
      } catch (UnreadableAuditSegment e) {
        page = before(store, start, e, report);
        resume = Math.max(e.lastSeq(), start) + 1;
      }
      for (StoredAuditEvent e : page) {
        if (e.seq() <= to) {
          out.add(e);
        }
      }
      if (resume > 0) {
        next = resume;
        continue;
      }
      if (page.size() < PAGE || page.get(page.size() - 1).seq() >= to) {
        break;
      }
      next = page.get(page.size() - 1).seq() + 1;
    }
    return out;
  }

  /**
   * A row whose lookup values (the columns and resources LookupEvents filters on) differ from
   * what its record says: the chain covers only the record, so such an edit would hide the
   * event from LookupEvents by that value while the chain still verifies. A row whose record
   * no longer matches its hash is already reported as changed.
   */
  private static void checkLookupValues(StoredAuditEvent e, VerificationReport report) {
    if (!AuditChain.hash(e.previousHash(), e.event().record()).equals(e.hash())) {
      return;
    }
    for (String value : RecordLookupValues.mismatches(e.event())) {
      report.add(new Finding(Finding.Kind.EVENT_CHANGED, e.event().eventId() + " at seq "
          + e.seq(), "its stored " + value + " differs from its record"));
    }
  }

  /**
   * Reports {@code unreadable} and returns the events from {@code from} stored before it, read
   * again up to it: a page that ran into it failed whole, and its intact events must still be
   * compared (not reported as removed). Empty if they cannot be read either.
   */
  private static List<StoredAuditEvent> before(Store store, long from,
      UnreadableAuditSegment unreadable, VerificationReport report) {
    unreadable(unreadable, report);
    if (unreadable.firstSeq() <= from) {
      return List.of();
    }
    int limit = (int) Math.min(PAGE, unreadable.firstSeq() - from);
    try {
      return store.read(tx -> tx.audit().range(from, limit)).stream()
          .filter(e -> e.seq() < unreadable.firstSeq()).toList();
    } catch (UnreadableAuditSegment again) {
      unreadable(again, report);
      return List.of();
    }
  }

  /** Reported once per segment: its events are neither readable nor provable. */
  private static void unreadable(UnreadableAuditSegment e, VerificationReport report) {
    Finding f = new Finding(Finding.Kind.EVENTS_UNREADABLE, "seq " + e.firstSeq() + " to "
        + e.lastSeq(), e.reason());
    if (!report.findings().contains(f)) {
      report.add(f);
    }
  }

  /**
   * The chain's recorded head must not be behind the last stored event (read before it, so a
   * concurrent append only moves the head further): a head moved back hides what follows it
   * from the digests, which sign up to the head, and the next append collides with it.
   */
  private static void checkHead(Store store, long anchorSeq, long lastStored,
      VerificationReport report) {
    long head;
    try {
      head = store.read(tx -> tx.audit().head()).map(StoredAuditEvent::seq).orElse(anchorSeq);
    } catch (UnreadableAuditSegment e) {
      return; // the head's segment is already reported as unreadable
    }
    if (head < lastStored) {
      report.add(new Finding(Finding.Kind.EVENTS_BEYOND_HEAD, "seq " + (head + 1) + " to "
          + lastStored, "stored after the chain's recorded head, seq " + head));
    }
  }

  /**
   * The events after the newest digest: each must extend the chain from its signed end.
   * Returns the seq of the last event stored ({@code coveredTo} if none follows it).
   */
  private static long checkUncovered(Store store, long coveredTo, String lastHash,
      VerificationReport report) {
    long expected = coveredTo + 1;
    String previous = lastHash;
    long count = 0;
    while (true) {
      long from = expected;
      List<StoredAuditEvent> page;
      long resume = 0;
      try {
        page = store.read(tx -> tx.audit().range(from, PAGE));
      } catch (UnreadableAuditSegment e) {
        page = before(store, from, e, report);
        resume = Math.max(e.lastSeq(), from) + 1;
      }
      for (StoredAuditEvent e : page) {
        String id = e.event().eventId() + " at seq " + e.seq();
        if (e.seq() != expected) {
          report.add(new Finding(Finding.Kind.EVENT_REMOVED, "seq " + expected
              + (e.seq() > expected + 1 ? " to " + (e.seq() - 1) : ""), "rows missing"));
        } else if (!e.previousHash().equals(previous)) {
          // Not signed yet, so possibly inserted; or a signed event moved here (then paired
          // with its removal from its digest and reported as reordered).
          report.eventInserted(e.event().eventId(), e.seq());
        }
        if (!AuditChain.hash(e.previousHash(), e.event().record()).equals(e.hash())) {
          report.add(new Finding(Finding.Kind.EVENT_CHANGED, id,
              "its record no longer matches its hash"));
        }
        checkLookupValues(e, report);
        previous = e.hash();
        expected = e.seq() + 1;
        count++;
      }
      if (resume > 0) {
        expected = resume;
        continue;
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    report.eventsChecked(count);
    if (count > 0) {
      report.add(new Finding(Finding.Kind.UNCOVERED, count + " events (seq " + (coveredTo + 1)
          + " to " + (expected - 1) + ")", "chained, not yet signed: the next digest will "
          + "cover them"));
    }
    return expected - 1;
  }
}
