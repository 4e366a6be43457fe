package dev.portcullis.store;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * LookupEvents on the segments: by a selective attribute, walks that value's terms newest first
 * and decodes only the segments they name; otherwise (no attribute, ReadOnly, EventSource) walks
 * the segments newest first. Time bounds skip segments by their min/max eventTime; every event
 * of a decoded segment is then filtered exactly. Staged events not yet chained come first: they
 * are the newest, numbered and hashed as the next batch will chain them (pending first).
 */
final class AuditSegmentLookup {
  /** Segments read per statement. */
  private static final int PAGE = 8;
  private final Sql sql;
  private final JdbcAuditEvents store;

  AuditSegmentLookup(Sql sql, JdbcAuditEvents store) {
    this.sql = sql;
    this.store = store;
  }

  /** The SELECT of one page of segments and its arguments (tests read its query plan). */
  record SegmentSql(String sql, Object[] args) {}

  /**
   * The most an event's eventTime may be later than that of an event appended after it: the
   * time is taken when the request starts and the event appended when it ends (or by the
   * batched writer after up to 5 s of queue wait and its retries), and nodes' clocks differ. Two
   * minutes covers calls of up to a minute on clocks kept by NTP; an event later than that
   * beyond a bound of StartTime/EndTime is not found by a time-bounded lookup (it still is by
   * any other).
   */
  static final Duration DISORDER = Duration.ofMinutes(2);

  /** The first_seq of the segments a lookup may read, from and to (both included). */
  record Window(long from, long to) {
    static final Window ALL = new Window(0, Long.MAX_VALUE);
  }

  /**
   * The segments that may hold events within [start, end], found by binary search along the
   * primary key (about 2 log2(segments) one-row reads): every segment before {@code from} ends
   * before start, every one after {@code to} begins after end, given that batches are appended
   * in eventTime order up to {@link #DISORDER}. So a range long past, or before every event,
   * costs a few reads, not a walk from the newest segment; at a low rate a segment holds one
   * event.
   */
  Window window(AuditEventQuery q, JdbcAuditEvents.Chain chain) {
    if (q.start() == null && q.end() == null) {
      return Window.ALL;
    }
    long from = q.start() == null ? 0 : search(chain, millis(q.start(), DISORDER.negated()),
        true);
    long to = q.end() == null ? Long.MAX_VALUE : search(chain, millis(q.end(), DISORDER),
        false);
    return new Window(from, to);
  }

  /**
   * With {@code fromSide}: a first_seq such that the segments before it end before {@code
   * time} and the first at or after it does not (or there is none). Otherwise: a first_seq such
   * that the segments up to it include the last one beginning not after {@code time}.
   */
  private long search(JdbcAuditEvents.Chain chain, long time, boolean fromSide) {
    long lo = chain.anchorSeq();
    // Bounded by the newest segment stored, not by the chain's head: a head moved back in the
    // database would otherwise hide every segment after it from every LookupEvents call (all
    // are time-bounded). One read of the primary key's end.
    long hi = Math.max(chain.headSeq(), sql.one("SELECT MAX(first_seq) FROM audit_segments",
        rs -> rs.getLong(1)).orElse(0L)) + 1;
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      long[] row = sql.one("SELECT first_seq, max_time, min_time FROM audit_segments "
          + "WHERE first_seq >= ? ORDER BY first_seq LIMIT 1",
          rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, mid).orElse(null);
      boolean beyond = row == null || row[0] >= hi
          || (fromSide ? row[1] >= time : row[2] > time);
      if (beyond) {
        hi = mid;
      } else {
        lo = row[0];
      }
    }
    return fromSide ? hi : lo;
  }

  /** {@code t + delta} in epoch milliseconds, saturated at the ends of long. */
  private static long millis(Instant t, Duration delta) {
    try {
      return Math.addExact(t.toEpochMilli(), delta.toMillis());
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The newest segments that may hold matches of {@code q}, starting below {@code below}. */
  static SegmentSql segmentSql(AuditEventQuery q, long below) {
    return segmentSql(q, below, 0);
  }

  /** The same, reading no segment that starts before {@code from}. */
  static SegmentSql segmentSql(AuditEventQuery q, long below, long from) {
    List<Object> args = new ArrayList<>();
    String code = q.attribute().map(a -> AuditTerms.code(a.key())).orElse(null);
    StringBuilder s = new StringBuilder("SELECT s.first_seq, s.previous_hash, s.events, s.last_seq, "
        + "s.min_time, s.max_time FROM ");
    String order;
    if (code != null) {
      s.append("audit_terms t JOIN audit_segments s ON s.first_seq = t.first_seq "
          + "WHERE t.attribute = ? AND t.term = ? AND t.first_seq < ? AND t.first_seq >= ?");
      args.add(code);
      args.add(q.attribute().get().value());
      order = "t.first_seq";
    } else {
      s.append("audit_segments s WHERE s.first_seq < ? AND s.first_seq >= ?");
      order = "s.first_seq";
    }
    args.add(below);
    args.add(from);
    if (q.start() != null) {
      s.append(" AND s.max_time >= ?");
      args.add(q.start().toEpochMilli());
    }
    if (q.end() != null) {
      s.append(" AND s.min_time <= ?");
      args.add(q.end().toEpochMilli());
    }
    s.append(" ORDER BY ").append(order).append(" DESC LIMIT ?");
    args.add(PAGE);
    return new SegmentSql(s.toString(), args.toArray());
  }

  List<StoredAuditEvent> lookup(AuditEventQuery q) {
    long below = q.beforeSeq() <= 0 ? Long.MAX_VALUE : q.beforeSeq();
    List<StoredAuditEvent> out = new ArrayList<>();
    JdbcAuditEvents.Chain chain = store.chain();
    if (below > chain.headSeq() + 1) {
      addNewestFirst(staged(chain), q, below, out);
    }
    Window window = window(q, chain);
    long cursor = Math.min(below, window.to() == Long.MAX_VALUE ? Long.MAX_VALUE
        : window.to() + 1);
    while (out.size() < q.limit()) {
      SegmentSql page = segmentSql(q, cursor, window.from());
      List<JdbcAuditEvents.Segment> segments = sql.list(page.sql(),
          JdbcAuditEvents.Segment::of, page.args());
      for (JdbcAuditEvents.Segment segment : segments) {
        addNewestFirst(segment.decode(), q, below, out);
      }
      if (segments.size() < PAGE) {
        break;
      }
      cursor = segments.get(segments.size() - 1).firstSeq();
    }
    return out;
  }

  /** The staged events as the next batch will chain them. */
  private List<StoredAuditEvent> staged(JdbcAuditEvents.Chain chain) {
    List<AuditEvent> events = store.pending(JdbcAuditEvents.MAX_PENDING_PER_BATCH).events();
    List<StoredAuditEvent> out = new ArrayList<>(events.size());
    long seq = chain.headSeq();
    String previous = chain.headHash();
    for (AuditEvent e : events) {
      String hash = AuditChain.hash(previous, e.record());
      out.add(new StoredAuditEvent(++seq, e, previous, hash));
      previous = hash;
    }
    return out;
  }

  private static void addNewestFirst(List<StoredAuditEvent> events, AuditEventQuery q,
      long below, List<StoredAuditEvent> out) {
    for (int i = events.size() - 1; i >= 0 && out.size() < q.limit(); i--) {
      StoredAuditEvent e = events.get(i);
      if (e.seq() < below && matches(q, e.event())) {
        out.add(e);
      }
    }
  }

  /** Whether {@code e} is an event {@code q} asks for (the account, the time, the attribute). */
  static boolean matches(AuditEventQuery q, AuditEvent e) {
    if (q.accountId() == null || !q.accountId().equals(e.accountId())
        || q.start() != null && e.eventTime().isBefore(q.start())
        || q.end() != null && e.eventTime().isAfter(q.end())) {
      return false;
    }
    if (q.attribute().isEmpty()) {
      return true;
    }
    String v = q.attribute().get().value();
    return switch (q.attribute().get().key()) {
      case EventId -> v.equals(e.eventId());
      case EventName -> v.equals(e.eventName());
      case Username -> v.equals(e.username());
      case AccessKeyId -> v.equals(e.accessKeyId());
      case EventSource -> v.equals(e.eventSource());
      case ReadOnly -> Boolean.parseBoolean(v) == e.readOnly();
      case ResourceType -> e.resources().stream().anyMatch(r -> v.equals(r.type()));
      case ResourceName -> e.resources().stream().anyMatch(r -> v.equals(r.name()));
    };
  }
}
