package dev.portcullis.iam.audit.integrity;

import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditDigestStore.Digest;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.UnreadableAuditSegment;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks the stored digests and events a page at a time, each page in its own read, for the
 * commands that read the whole trail (export, verify --store): memory holds one page, and no
 * read transaction lasts as long as the walk.
 */
public final class StoredTrailPages {
  /** Events per read. */
  static final int EVENT_PAGE = 1000;
  private static final int DIGEST_PAGE = 10;

  private StoredTrailPages() {}

  /** Takes one item; may fail with {@code E} (an export's file writes). */
  @FunctionalInterface
  public interface Visitor<T, E extends Exception> {
    void visit(T item) throws E;
  }

  /** Passes every stored digest to {@code visitor}, in digest-number order. */
  public static <E extends Exception> void eachDigest(Store store, Visitor<Digest, E> visitor)
      throws E {
    long lastNumber = 0;
    while (true) {
      long after = lastNumber;
      List<Digest> page = store.read(tx -> tx.auditDigests().list(after, DIGEST_PAGE));
      if (page.isEmpty()) {
        return;
      }
      for (Digest d : page) {
        visitor.visit(d);
        lastNumber = d.number();
      }
    }
  }

  /**
   * Passes the stored events from seq {@code from} to {@code to} (inclusive; {@code
   * Long.MAX_VALUE} for all) to {@code visitor}, oldest first. A segment that no longer decodes
   * fails the walk with {@link UnreadableAuditSegment}.
   */
  public static <E extends Exception> void eachEvent(Store store, long from, long to,
      Visitor<StoredAuditEvent, E> visitor) throws E {
    eachEvent(store, from, to, visitor, e -> {
      throw e;
    });
  }

  /**
   * Like {@link #eachEvent(Store, long, long, Visitor)}, but a segment that no longer decodes
   * goes to {@code unreadable} and the walk goes on after it.
   */
  public static <E extends Exception> void eachEvent(Store store, long from, long to,
      Visitor<StoredAuditEvent, E> visitor, Consumer<UnreadableAuditSegment> unreadable)
      throws E {
    for (long next = from; next <= to; ) {
      long start = next;
      List<StoredAuditEvent> page;
      boolean whole = true;
      try {
        page = store.read(tx -> tx.audit().range(start, EVENT_PAGE));
      } catch (UnreadableAuditSegment e) {
        // The page failed as a whole: the events before the unreadable segment are read on
        // their own (stopping short of it), or they would go unseen; then the segment is
        // reported and passed over.
        page = e.firstSeq() > start ? before(store, start, e.firstSeq()) : List.of();
        whole = false;
        if (page.isEmpty()) {
          unreadable.accept(e);
          next = Math.max(e.lastSeq(), start) + 1;
          continue;
        }
      }
      for (StoredAuditEvent e : page) {
        if (e.seq() > to) {
          return;
        }
        visitor.visit(e);
      }
      if (whole && page.size() < EVENT_PAGE) {
        return;
      }
      next = page.get(page.size() - 1).seq() + 1;
    }
  }

  /** The events from {@code start} to just before {@code end} (fewer if that fails too). */
  private static List<StoredAuditEvent> before(Store store, long start, long end) {
    int limit = (int) Math.min(end - start, EVENT_PAGE);
    try {
      return store.read(tx -> tx.audit().range(start, limit)).stream()
          .filter(e -> e.seq() < end).toList();
    } catch (UnreadableAuditSegment again) {
      return List.of(); // a gap before the segment: the reads reach it; seen as removed
    }
  }
}
