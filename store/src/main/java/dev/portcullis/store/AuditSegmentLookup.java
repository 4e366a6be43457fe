package dev.portcullis.store;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
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

  /** The newest segments that may hold matches of {@code q}, starting below {@code below}. */
  static SegmentSql segmentSql(AuditEventQuery q, long below) {
    List<Object> args = new ArrayList<>();
    String code = q.attribute().map(a -> AuditTerms.code(a.key())).orElse(null);
    StringBuilder s = new StringBuilder("SELECT s.first_seq, s.previous_hash, s.events, s.last_seq FROM ");
    String order;
    if (code != null) {
      s.append("audit_terms t JOIN audit_segments s ON s.first_seq = t.first_seq "
          + "WHERE t.attribute = ? AND t.term = ? AND t.first_seq < ?");
      args.add(code);
      args.add(q.attribute().get().value());
      order = "t.first_seq";
    } else {
      s.append("audit_segments s WHERE s.first_seq < ?");
      order = "s.first_seq";
    }
    args.add(below);
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
    long cursor = below;
    while (out.size() < q.limit()) {
      SegmentSql page = segmentSql(q, cursor);
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
