package dev.portcullis.iam.audit.integrity;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.audit.RecordLookupValues;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditTermMismatch;
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
 * lookup values must be those its record gives ({@link RecordLookupValues}), the lookup index
 * must match the events it indexes ({@code AuditStore.checkLookupIndex}), and every staged event
 * must decode. Reads the store a page at a time ({@link StoredTrailPages}): memory is bounded by
 * one digest, not by the trail.
 */
public final class StoreVerifier {
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
    Walk walk = new Walk(anchor.seq(), anchor.hash());
    StoredTrailPages.eachDigest(store, d -> {
      if (pinnedKey.isEmpty() && accountsLoaded.putIfAbsent(d.accountId(), true) == null) {
        store.read(tx -> tx.auditDigests().keys(d.accountId())).forEach(k ->
            keys.put(k.fingerprint(), DigestKeys.fromPkcs1(k.publicKey())));
      }
      if (d.number() != walk.lastNumber + 1) {
        report.add(new Finding(Finding.Kind.DIGEST_MISSING, "digest number "
            + (walk.lastNumber + 1) + (d.number() > walk.lastNumber + 2 ? " to "
            + (d.number() - 1) : ""), "deleted from the store"));
      }
      // Made at the first digest: it copies the keys, loaded with that digest's account.
      walk.chain = walk.chain != null ? walk.chain : new DigestChainCheck(keys, report);
      DigestChainCheck.Checked checked = walk.chain.check(d.objectName(), d.document(),
          d.signature());
      walk.lastNumber = d.number();
      if (d.firstSeq() <= anchor.seq() && anchor.seq() <= d.lastSeq()) {
        report.removedByRetention(anchor.seq(), TrailLayout.time(d.endTime()));
      }
      if (checked.document() == null) {
        return;
      }
      for (LogFileListing file : checked.document().logFiles()) {
        if (file.lastSeq() <= anchor.seq()) {
          continue; // its events were removed by retention
        }
        List<LogFileComparison.Found> found = new ArrayList<>();
        StoredTrailPages.eachEvent(store, Math.max(file.firstSeq(), anchor.seq() + 1),
            file.lastSeq(), e -> {
              found.add(new LogFileComparison.Found(e.seq(), e.event().record()));
              checkLookupValues(e, report);
            }, e -> unreadable(e, report));
        report.logFile(LogFileComparison.compare(file, found, anchor.seq(), report));
      }
      if (checked.document().lastSeq() > walk.coveredTo) {
        walk.coveredTo = checked.document().lastSeq();
        walk.lastHash = checked.document().lastEventHash();
      }
    });
    long lastStored = checkUncovered(store, walk.coveredTo, walk.lastHash, report);
    checkHead(store, anchor.seq(), lastStored, report);
    store.read(tx -> {
      tx.audit().checkLookupIndex(m -> report.add(finding(m)));
      return null;
    });
    List<Long> unreadableStaged = store.read(tx -> tx.audit().unreadableStaged());
    for (long id : unreadableStaged) {
      report.add(new Finding(Finding.Kind.STAGED_UNREADABLE, "id " + id, "its stored encoding "
          + "no longer decodes: it is left unchained"));
    }
    long staged = store.read(tx -> tx.audit().staged()) - unreadableStaged.size();
    if (staged > 0) {
      report.add(new Finding(Finding.Kind.STAGED, staged + " events", "committed with their "
          + "changes; the server chains them within a second of running"));
    }
    return report;
  }

  /** Where the walk over the digests has got to. */
  private static final class Walk {
    DigestChainCheck chain;
    long lastNumber;
    long coveredTo;
    String lastHash;

    Walk(long coveredTo, String lastHash) {
      this.coveredTo = coveredTo;
      this.lastHash = lastHash;
    }
  }

  /** A disagreement of the lookup index with the events, as a finding. */
  private static Finding finding(AuditTermMismatch m) {
    String term = m.attribute() + "=" + m.value();
    return switch (m.problem()) {
      case MISSING -> new Finding(Finding.Kind.LOOKUP_TERM_MISSING, term + " in seq "
          + m.firstSeq() + " to " + m.lastSeq(), "a lookup by this value skips these events");
      case EXTRA -> new Finding(Finding.Kind.LOOKUP_TERM_EXTRA, term + " in seq "
          + m.firstSeq() + " to " + m.lastSeq(), "none of these events holds this value");
      case ORPHANED -> new Finding(Finding.Kind.LOOKUP_TERM_ORPHANED, term + " at seq "
          + m.firstSeq(), "no stored segment starts there");
    };
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
    Walk link = new Walk(coveredTo, lastHash); // coveredTo: the last seq seen
    long[] count = {0};
    StoredTrailPages.eachEvent(store, coveredTo + 1, Long.MAX_VALUE, e -> {
      String id = e.event().eventId() + " at seq " + e.seq();
      long expected = link.coveredTo + 1;
      if (e.seq() != expected) {
        report.add(new Finding(Finding.Kind.EVENT_REMOVED, "seq " + expected
            + (e.seq() > expected + 1 ? " to " + (e.seq() - 1) : ""), "rows missing"));
      } else if (!e.previousHash().equals(link.lastHash)) {
        // Not signed yet, so possibly inserted; or a signed event moved here (then paired
        // with its removal from its digest and reported as reordered).
        report.eventInserted(e.event().eventId(), e.seq());
      }
      if (!AuditChain.hash(e.previousHash(), e.event().record()).equals(e.hash())) {
        report.add(new Finding(Finding.Kind.EVENT_CHANGED, id,
            "its record no longer matches its hash"));
      }
      checkLookupValues(e, report);
      link.lastHash = e.hash();
      link.coveredTo = e.seq();
      count[0]++;
    }, e -> {
      unreadable(e, report);
      link.coveredTo = Math.max(link.coveredTo, e.lastSeq());
    });
    report.eventsChecked(count[0]);
    if (count[0] > 0) {
      report.add(new Finding(Finding.Kind.UNCOVERED, count[0] + " events (seq " + (coveredTo + 1)
          + " to " + link.coveredTo + ")", "chained, not yet signed: the next digest will "
          + "cover them"));
    }
    return link.coveredTo;
  }
}
