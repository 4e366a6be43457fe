package dev.portcullis.store;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditStore;
import dev.portcullis.iam.store.AuditTermMismatch;
import dev.portcullis.iam.store.UnreadableAuditSegment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit trail on JDBC, in segments: the chain's head and anchor in the one row of {@code
 * audit_chain}; each appended batch in one row of {@code audit_segments} (its events encoded by
 * {@link AuditSegmentCodec}) with its lookup terms in {@code audit_terms}; the staged events of
 * changes in {@code audit_pending} until a batch chains them. A batch costs one row per table
 * and one per distinct term, instead of eight index entries per event.
 */
final class JdbcAuditEvents implements AuditStore {
  /** One writer buffer per thread: the batched writer reuses it for every segment. */
  private static final ThreadLocal<AuditSegmentCodec.Writer> WRITER =
      ThreadLocal.withInitial(AuditSegmentCodec.Writer::new);
  /** The most staged events one batch takes; the rest wait for the next. */
  static final int MAX_PENDING_PER_BATCH = 10_000;
  /**
   * The most events and (about) bytes one segment holds: a batch of more is written as several
   * segments in its transaction, so a lookup or verify never decodes an unbounded blob. A
   * segment closes at the first event that takes it to 4 MiB or more: it exceeds that by at
   * most one event.
   */
  static final int MAX_SEGMENT_EVENTS = 1_000;
  static final int MAX_SEGMENT_BYTES = 4 << 20;
  private static final int PENDING_PAGE = 1_000;
  private final Sql sql;

  JdbcAuditEvents(Sql sql) {
    this.sql = sql;
  }

  record Chain(long headSeq, String headHash, long anchorSeq, String anchorHash) {}

  /**
   * Reads the chain row, locking it to the end of the transaction on PostgreSQL whatever kind
   * of transaction this is (batched events are written in usage writes, which lock nothing
   * else): two nodes appending at once take turns, so no two events claim one predecessor.
   */
  private Chain lockChain() {
    return sql.one("SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM audit_chain "
        + "WHERE singleton = 1" + sql.alwaysForUpdate(), JdbcAuditEvents::chain).orElseThrow();
  }

  Chain chain() {
    return sql.one("SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM audit_chain "
        + "WHERE singleton = 1", JdbcAuditEvents::chain).orElseThrow();
  }

  private static Chain chain(ResultSet rs) throws SQLException {
    return new Chain(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));
  }

  /** The connection's statements (for the lookup's tests). */
  Sql sql() {
    return sql;
  }

  @Override
  public void stage(AuditEvent event) {
    sql.update("INSERT INTO audit_pending (event) VALUES (?)", AuditSegmentCodec.pending(event));
  }

  @Override
  public long staged() {
    return sql.count("SELECT COUNT(*) FROM audit_pending");
  }

  /** The staged rows, oldest first: their ids and events. */
  record Pending(List<Long> ids, List<AuditEvent> events) {}

  /**
   * Up to {@code limit} staged events that decode, oldest first. A row that no longer decodes
   * (altered or damaged in the database) is passed over, not counted against {@code limit}:
   * it stays where it is for verify to report ({@link #unreadableStaged}), and however many
   * there are, the events staged after them are still chained. Chaining a stand-in for it
   * instead would have the next digest sign over the damage as if it were a valid event.
   */
  Pending pending(int limit) {
    List<Long> ids = new ArrayList<>();
    List<AuditEvent> events = new ArrayList<>();
    scanPending((id, event) -> {
      if (event != null) {
        ids.add(id);
        events.add(event);
      }
      return events.size() < limit;
    });
    return new Pending(ids, events);
  }

  @Override
  public List<Long> unreadableStaged() {
    List<Long> ids = new ArrayList<>();
    scanPending((id, event) -> {
      if (event == null) {
        ids.add(id);
      }
      return true;
    });
    return ids;
  }

  /** Sees a staged row: its id and event (null if it does not decode); false to stop. */
  private interface PendingVisitor {
    boolean visit(long id, AuditEvent event);
  }

  /** Passes the staged rows to {@code visitor} in id order, a page at a time. */
  private void scanPending(PendingVisitor visitor) {
    long after = Long.MIN_VALUE;
    while (true) {
      List<Long> pageIds = new ArrayList<>();
      List<AuditEvent> page = sql.list("SELECT id, event FROM audit_pending WHERE id > ? "
          + "ORDER BY id LIMIT " + PENDING_PAGE, rs -> {
            pageIds.add(rs.getLong(1));
            try {
              return AuditSegmentCodec.decodePending(rs.getBytes(2));
            } catch (StoreException e) {
              return null;
            }
          }, after);
      for (int i = 0; i < page.size(); i++) {
        if (!visitor.visit(pageIds.get(i), page.get(i))) {
          return;
        }
      }
      if (page.size() < PENDING_PAGE) {
        return;
      }
      after = pageIds.get(pageIds.size() - 1);
    }
  }

  @Override
  public void checkLookupIndex(Consumer<AuditTermMismatch> out) {
    new AuditTermCheck(sql, out).run();
  }

  /**
   * Chains the staged events (in the order of their ids: the order their transactions began to
   * insert, close to commit order) and then {@code events} into one segment, and removes the
   * staged rows it took, all in this transaction under the chain's lock.
   */
  @Override
  public List<StoredAuditEvent> append(List<AuditEvent> events) {
    Chain chain = lockChain();
    Pending pending = pending(MAX_PENDING_PER_BATCH);
    List<AuditEvent> all = events;
    if (!pending.events().isEmpty()) {
      all = new ArrayList<>(pending.events().size() + events.size());
      all.addAll(pending.events());
      all.addAll(events);
    }
    if (all.isEmpty()) {
      return List.of();
    }
    List<StoredAuditEvent> stored = new ArrayList<>(all.size());
    AuditSegmentCodec.Writer writer = WRITER.get();
    String previous = chain.headHash();
    long seq = chain.headSeq() + 1;
    for (int from = 0; from < all.size(); ) {
      writer.start();
      String segmentPrevious = previous;
      int to = from;
      while (to < all.size() && to - from < MAX_SEGMENT_EVENTS
          && writer.size() < MAX_SEGMENT_BYTES) {
        AuditEvent e = all.get(to++);
        String hash = AuditChain.hex(writer.addChained(e, previous));
        stored.add(new StoredAuditEvent(seq++, e, previous, hash));
        previous = hash;
      }
      insertSegment(sql, seq - (to - from), segmentPrevious, all.subList(from, to),
          writer.toBytes());
      from = to;
    }
    long lastSeq = seq - 1;
    // By id, not by range: on PostgreSQL a row with a lower id may commit after the SELECT
    // (ids are handed out at insert, not at commit); the next batch takes it.
    sql.batch("DELETE FROM audit_pending WHERE id = ?",
        pending.ids().stream().map(id -> new Object[] {id}).toList());
    // The head moves once per batch, not once per event.
    sql.update("UPDATE audit_chain SET head_seq = ?, head_hash = ? WHERE singleton = 1", lastSeq,
        previous);
    return stored;
  }

  /**
   * Inserts one segment, the events from {@code firstSeq} on encoded in {@code blob}, with its
   * lookup terms.
   */
  static void insertSegment(Sql sql, long firstSeq, String previousHash, List<AuditEvent> events,
      byte[] blob) {
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    for (AuditEvent e : events) {
      long t = e.eventTime().toEpochMilli();
      minTime = Math.min(minTime, t);
      maxTime = Math.max(maxTime, t);
    }
    sql.update("INSERT INTO audit_segments (first_seq, last_seq, min_time, max_time, "
        + "previous_hash, events) VALUES (?, ?, ?, ?, ?, ?)", firstSeq,
        firstSeq + events.size() - 1, minTime, maxTime, previousHash, blob);
    sql.batch(AuditTerms.INSERT, AuditTerms.rows(firstSeq, events));
  }

  /**
   * A segment as stored: where it starts, its first predecessor, its blob, and the bounds the
   * lookups skip it by (last seq, min and max eventTime in epoch ms).
   */
  record Segment(long firstSeq, String previousHash, byte[] events, long lastSeq, long minTime,
      long maxTime) {
    static final String COLUMNS = "first_seq, previous_hash, events, last_seq, min_time, "
        + "max_time";

    static Segment of(ResultSet rs) throws SQLException {
      return new Segment(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getLong(4),
          rs.getLong(5), rs.getLong(6));
    }

    /**
     * Its events, failing like an undecodable blob if its stored bounds are not those of its
     * events: the chain covers the blob only, so an edited min_time, max_time or last_seq would
     * make time-bounded lookups (every LookupEvents call has a range) skip these events while
     * the chain still verifies. Lookups filter every decoded event exactly, so only reads of
     * the chain itself (verify, export, digests) check this.
     */
    List<StoredAuditEvent> decodeChecked() {
      List<StoredAuditEvent> out = decode();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (StoredAuditEvent e : out) {
        long t = e.event().eventTime().toEpochMilli();
        min = Math.min(min, t);
        max = Math.max(max, t);
      }
      if (lastSeq != firstSeq + out.size() - 1 || minTime != min || maxTime != max) {
        throw new UnreadableAuditSegment(firstSeq, lastSeq, UnreadableAuditSegment.BOUNDS,
            "stored last_seq " + lastSeq + ", min_time " + minTime + ", max_time " + maxTime);
      }
      return out;
    }

    /** Its events as stored: numbered from firstSeq, each linked to the entry before it. */
    List<StoredAuditEvent> decode() {
      List<AuditSegmentCodec.Entry> entries;
      try {
        entries = AuditSegmentCodec.decodeSegment(events);
      } catch (StoreException e) {
        throw new UnreadableAuditSegment(firstSeq, lastSeq, UnreadableAuditSegment.ENCODING,
            e.getMessage());
      }
      List<StoredAuditEvent> out = new ArrayList<>(entries.size());
      String previous = previousHash;
      long seq = firstSeq;
      for (AuditSegmentCodec.Entry entry : entries) {
        String hash = entry.hexHash();
        out.add(new StoredAuditEvent(seq++, entry.event(), previous, hash));
        previous = hash;
      }
      return out;
    }
  }

  @Override
  public Optional<StoredAuditEvent> head() {
    Chain chain = chain();
    if (chain.headSeq() == chain.anchorSeq()) {
      return Optional.empty();
    }
    return range(chain.headSeq(), 1).stream().filter(e -> e.seq() == chain.headSeq())
        .findFirst();
  }

  @Override
  public StoredAuditEvent.Anchor anchor() {
    Chain chain = chain();
    return new StoredAuditEvent.Anchor(chain.anchorSeq(), chain.anchorHash());
  }

  @Override
  public List<StoredAuditEvent> range(long fromSeq, int limit) {
    List<StoredAuditEvent> out = new ArrayList<>(Math.min(limit, 1_000));
    // From the segment holding fromSeq (the newest starting at or before it), onwards.
    long from = sql.one("SELECT MAX(first_seq) FROM audit_segments WHERE first_seq <= ?",
        rs -> rs.getLong(1), fromSeq).orElse(0L);
    while (out.size() < limit) {
      List<Segment> page = sql.list("SELECT " + Segment.COLUMNS + " FROM audit_segments "
          + "WHERE first_seq >= ? AND last_seq >= ? ORDER BY first_seq LIMIT 8", Segment::of,
          from, fromSeq);
      for (Segment s : page) {
        if (out.size() >= limit) {
          break; // not decoded: a later segment is neither paid for nor, if damaged, fatal here
        }
        for (StoredAuditEvent e : s.decodeChecked()) {
          if (e.seq() >= fromSeq && out.size() < limit) {
            out.add(e);
          }
        }
      }
      if (page.size() < 8) {
        break;
      }
      from = page.get(page.size() - 1).firstSeq() + 1;
    }
    return out;
  }

  @Override
  public List<StoredAuditEvent> lookup(AuditEventQuery q) {
    return new AuditSegmentLookup(sql, this).lookup(q);
  }

  /**
   * Removes the oldest segments whose events are all older than {@code cutoff} (only a prefix:
   * a segment holding one newer event stays, and every segment after it), with their terms.
   * Segments hold at most about one flush interval of events, so what stays past the cutoff is
   * that much at most.
   */
  @Override
  public int deleteBefore(Instant cutoff) {
    Chain chain = lockChain();
    int removed = 0;
    long lastSeq = chain.anchorSeq();
    String lastHash = chain.anchorHash();
    while (true) {
      List<long[]> heads = sql.list("SELECT first_seq, max_time FROM audit_segments "
          + "WHERE first_seq > ? ORDER BY first_seq LIMIT 100",
          rs -> new long[] {rs.getLong(1), rs.getLong(2)}, lastSeq);
      int old = 0;
      while (old < heads.size() && heads.get(old)[1] < cutoff.toEpochMilli()) {
        old++;
      }
      if (old == 0) {
        break;
      }
      List<Segment> segments = sql.list("SELECT " + Segment.COLUMNS + " FROM audit_segments "
          + "WHERE first_seq >= ? AND first_seq <= ? ORDER BY first_seq", Segment::of,
          heads.get(0)[0], heads.get(old - 1)[0]);
      List<Object[]> terms = new ArrayList<>();
      for (Segment s : segments) {
        // Checked: the choice of what is old went by the stored max_time, and an attacker who
        // moved it back would have retention remove recent events, and the evidence with them.
        List<StoredAuditEvent> events = s.decodeChecked();
        AuditTerms.rows(s.firstSeq(), events.stream().map(StoredAuditEvent::event).toList(),
            terms);
        if (!events.isEmpty()) {
          StoredAuditEvent last = events.get(events.size() - 1);
          lastSeq = last.seq();
          lastHash = last.hash();
        }
        removed += events.size();
      }
      sql.batch(AuditTerms.DELETE, terms);
      sql.update("DELETE FROM audit_segments WHERE first_seq <= ?", heads.get(old - 1)[0]);
      if (old < heads.size()) {
        break;
      }
    }
    if (removed > 0) {
      sql.update("UPDATE audit_chain SET anchor_seq = ?, anchor_hash = ? WHERE singleton = 1",
          lastSeq, lastHash);
    }
    return removed;
  }
}
