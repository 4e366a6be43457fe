package dev.portcullis.store;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail on JDBC: the chain's head and anchor in the one row of {@code audit_chain},
 * events in {@code audit_events}, the resources they name in {@code audit_event_resources}.
 */
final class JdbcAuditEvents implements AuditStore {
  private static final String COLUMNS = "e.seq, e.event_id, e.event_time, e.account_id, "
      + "e.event_source, e.event_name, e.username, e.principal_arn, e.access_key_id, "
      + "e.read_only, e.error_code, e.source_ip, e.record, e.previous_hash, e.hash";
  private final Sql sql;

  JdbcAuditEvents(Sql sql) {
    this.sql = sql;
  }

  private record Chain(long headSeq, String headHash, long anchorSeq, String anchorHash) {}

  /**
   * Reads the chain row, locking it to the end of the transaction on PostgreSQL whatever kind
   * of transaction this is (batched events are written in usage writes, which lock nothing
   * else): two nodes appending at once take turns, so no two events claim one predecessor.
   */
  private Chain lockChain() {
    return sql.one("SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM audit_chain "
        + "WHERE singleton = 1" + sql.alwaysForUpdate(), JdbcAuditEvents::chain).orElseThrow();
  }

  private Chain chain() {
    return sql.one("SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM audit_chain "
        + "WHERE singleton = 1", JdbcAuditEvents::chain).orElseThrow();
  }

  private static Chain chain(ResultSet rs) throws SQLException {
    return new Chain(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));
  }

  @Override
  public List<StoredAuditEvent> append(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    Chain chain = lockChain();
    long seq = chain.headSeq();
    String previous = chain.headHash();
    List<StoredAuditEvent> stored = new ArrayList<>(events.size());
    List<Object[]> rows = new ArrayList<>(events.size());
    List<Object[]> resourceRows = new ArrayList<>();
    for (AuditEvent e : events) {
      seq++;
      String hash = AuditChain.hash(previous, e.record());
      rows.add(new Object[] {seq, e.eventId(), e.eventTime(), e.accountId(), e.eventSource(),
          e.eventName(), e.username(), e.principalArn(), e.accessKeyId(), e.readOnly(),
          e.errorCode(), e.sourceIp(), e.record(), previous, hash});
      // The key is the pair: an event naming one resource twice stores it once.
      List<AuditEvent.Resource> resources = e.resources();
      for (AuditEvent.Resource r : resources.size() < 2 ? resources
          : new LinkedHashSet<>(resources)) {
        resourceRows.add(new Object[] {seq, r.type(), r.name()});
      }
      stored.add(new StoredAuditEvent(seq, e, previous, hash));
      previous = hash;
    }
    // One batch per table: one statement each, however many events the batch holds.
    sql.batch("INSERT INTO audit_events (seq, event_id, event_time, account_id, event_source, "
        + "event_name, username, principal_arn, access_key_id, read_only, error_code, "
        + "source_ip, record, previous_hash, hash) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    sql.batch("INSERT INTO audit_event_resources (seq, resource_type, resource_name) "
        + "VALUES (?, ?, ?)", resourceRows);
    // The head moves once per batch, not once per event.
    sql.update("UPDATE audit_chain SET head_seq = ?, head_hash = ? WHERE singleton = 1", seq,
        previous);
    return stored;
  }

  @Override
  public Optional<StoredAuditEvent> head() {
    Chain chain = chain();
    return chain.headSeq() == chain.anchorSeq() ? Optional.empty()
        : withResources(sql.list("SELECT " + COLUMNS + " FROM audit_events e WHERE e.seq = ?",
            JdbcAuditEvents::event, chain.headSeq())).stream().findFirst();
  }

  @Override
  public StoredAuditEvent.Anchor anchor() {
    Chain chain = chain();
    return new StoredAuditEvent.Anchor(chain.anchorSeq(), chain.anchorHash());
  }

  @Override
  public List<StoredAuditEvent> range(long fromSeq, int limit) {
    return withResources(sql.list("SELECT " + COLUMNS + " FROM audit_events e WHERE e.seq >= ? "
        + "ORDER BY e.seq LIMIT ?", JdbcAuditEvents::event, fromSeq, limit));
  }

  @Override
  public List<StoredAuditEvent> lookup(AuditEventQuery q) {
    LookupSql lookup = lookupSql(q, seqWindow(q));
    return withResources(sql.list(lookup.sql(), JdbcAuditEvents::event, lookup.args()));
  }

  /** The SELECT of a lookup and its arguments (tests read its query plan). */
  record LookupSql(String sql, Object[] args) {}

  /**
   * The most an event's eventTime may be later than that of an event appended after it: the
   * time is taken when the request starts and the event appended when it ends (in the change's
   * transaction, or by the batched writer after up to 5 s of queue wait and its retries), and
   * nodes' clocks differ. Two minutes covers calls of up to a minute on clocks kept by NTP; an
   * event later than that beyond a bound of StartTime/EndTime is not found by a time-bounded
   * lookup (it still is by any other).
   */
  static final Duration DISORDER = Duration.ofMinutes(2);

  /** The seq of the events a lookup may return, from and to. */
  record SeqWindow(long from, long to) {
    static final SeqWindow ALL = new SeqWindow(0, Long.MAX_VALUE);
  }

  /**
   * The seqs of the events within [start, end], found by binary search along the primary key
   * (about 2 log2(n) one-row reads, no index on event_time): every event before {@code from}
   * is older than start, every event after {@code to} newer than end, given that events are
   * appended in eventTime order up to {@link #DISORDER}. The lookup keeps its exact time test
   * inside the window.
   */
  SeqWindow seqWindow(AuditEventQuery q) {
    if (q.start() == null && q.end() == null) {
      return SeqWindow.ALL;
    }
    Chain chain = chain();
    long from = q.start() == null ? 0 : firstNotBefore(chain,
        millis(q.start(), DISORDER.negated()));
    long to = q.end() == null ? Long.MAX_VALUE : lastNotAfter(chain,
        millis(q.end(), DISORDER));
    return new SeqWindow(from, to);
  }

  /** {@code t + delta} in epoch milliseconds, saturated at the ends of long. */
  private static long millis(Instant t, Duration delta) {
    try {
      return Math.addExact(t.toEpochMilli(), delta.toMillis());
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * A seq such that the last row before it is older than {@code time} (or there is none) and
   * the first row at or after it is not (or there is none). Rows in a gap left by tampering
   * count as absent.
   */
  private long firstNotBefore(Chain chain, long time) {
    long lo = chain.anchorSeq(); // the last row at or before lo is older than time, or none
    long hi = chain.headSeq() + 1; // the first row at or after hi is not, or none
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      long[] row = firstRowFrom(mid);
      if (row == null || row[0] >= hi || row[1] >= time) {
        hi = mid;
      } else {
        lo = row[0];
      }
    }
    return hi;
  }

  /** A seq such that the rows up to it include the last one not newer than {@code time}. */
  private long lastNotAfter(Chain chain, long time) {
    long lo = chain.anchorSeq(); // the last row at or before lo is not newer than time, or none
    long hi = chain.headSeq() + 1; // the first row at or after hi is newer, or none
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      long[] row = firstRowFrom(mid);
      if (row == null || row[0] >= hi || row[1] > time) {
        hi = mid;
      } else {
        lo = row[0];
      }
    }
    return lo;
  }

  /** The seq and event_time of the first row at or after {@code seq}, or null. */
  private long[] firstRowFrom(long seq) {
    return sql.one("SELECT seq, event_time FROM audit_events WHERE seq >= ? ORDER BY seq "
        + "LIMIT 1", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, seq).orElse(null);
  }

  static LookupSql lookupSql(AuditEventQuery q) {
    return lookupSql(q, SeqWindow.ALL);
  }

  static LookupSql lookupSql(AuditEventQuery q, SeqWindow window) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder();
    String from = "audit_events e";
    String seqColumn = "e.seq";
    if (q.attribute().isPresent()) {
      AuditEventQuery.Attribute a = q.attribute().get();
      switch (a.key()) {
        case ResourceType, ResourceName -> {
          // Walk the resource index newest first, joining each hit to its event.
          from = "audit_event_resources r JOIN audit_events e ON e.seq = r.seq";
          seqColumn = "r.seq";
          where.append(a.key() == AuditEventQuery.Key.ResourceType ? "r.resource_type = ?"
              : "r.resource_name = ?");
          args.add(a.value());
        }
        case ReadOnly -> {
          where.append("e.read_only = ?");
          args.add(Boolean.parseBoolean(a.value()));
        }
        default -> {
          where.append(column(a.key())).append(" = ?");
          args.add(a.value());
        }
      }
      where.append(" AND ");
    }
    // One upper and one lower bound on seq: given two upper bounds SQLite ranges its index
    // scan by one and filters by the other, walking from the newest event again.
    where.append("e.account_id = ? AND ").append(seqColumn).append(" <= ? AND ")
        .append(seqColumn).append(" >= ?");
    args.add(q.accountId());
    args.add(Math.min(window.to(), q.beforeSeq() <= 0 ? Long.MAX_VALUE : q.beforeSeq() - 1));
    args.add(window.from());
    if (q.start() != null) {
      where.append(" AND e.event_time >= ?");
      args.add(q.start());
    }
    if (q.end() != null) {
      where.append(" AND e.event_time <= ?");
      args.add(q.end());
    }
    args.add(q.limit());
    return new LookupSql("SELECT " + COLUMNS + " FROM " + from + " WHERE " + where
        + " ORDER BY " + seqColumn + " DESC LIMIT ?", args.toArray());
  }

  private static String column(AuditEventQuery.Key key) {
    return switch (key) {
      case EventId -> "e.event_id";
      case EventName -> "e.event_name";
      case Username -> "e.username";
      case EventSource -> "e.event_source";
      case AccessKeyId -> "e.access_key_id";
      case ReadOnly, ResourceType, ResourceName -> throw new IllegalArgumentException(
          key + " is not a column of audit_events");
    };
  }

  @Override
  public int deleteBefore(Instant cutoff) {
    Chain chain = lockChain();
    // Only a prefix goes: up to the event before the first one at or after the cutoff, so an
    // old event appended late (out of time order) keeps the chain unbroken by staying. Walked
    // from the oldest along the primary key, so the cost is that of what is removed.
    long keepFrom = chain.headSeq() + 1;
    long after = chain.anchorSeq();
    while (true) {
      List<long[]> rows = sql.list("SELECT seq, event_time FROM audit_events WHERE seq > ? "
          + "ORDER BY seq LIMIT 1000", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, after);
      Long found = null;
      for (long[] row : rows) {
        if (row[1] >= cutoff.toEpochMilli()) {
          found = row[0];
          break;
        }
      }
      if (found != null) {
        keepFrom = found;
        break;
      }
      if (rows.size() < 1000) {
        break;
      }
      after = rows.get(rows.size() - 1)[0];
    }
    long last = keepFrom - 1;
    if (last <= chain.anchorSeq()) {
      return 0;
    }
    String lastHash = sql.one("SELECT hash FROM audit_events WHERE seq = ?",
        rs -> rs.getString(1), last).orElseThrow();
    sql.update("DELETE FROM audit_event_resources WHERE seq <= ?", last);
    int removed = sql.update("DELETE FROM audit_events WHERE seq <= ?", last);
    sql.update("UPDATE audit_chain SET anchor_seq = ?, anchor_hash = ? WHERE singleton = 1",
        last, lastHash);
    return removed;
  }

  private static StoredAuditEvent event(ResultSet rs) throws SQLException {
    AuditEvent e = new AuditEvent(rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getString(9), rs.getBoolean(10), rs.getString(11), rs.getString(12), List.of(),
        rs.getString(13));
    return new StoredAuditEvent(rs.getLong(1), e, rs.getString(14), rs.getString(15));
  }

  /** Fills in the resources of {@code events} with one query. */
  private List<StoredAuditEvent> withResources(List<StoredAuditEvent> events) {
    if (events.isEmpty()) {
      return events;
    }
    Map<Long, StoredAuditEvent> bySeq = new LinkedHashMap<>();
    for (StoredAuditEvent s : events) {
      bySeq.putIfAbsent(s.seq(), s);
    }
    String marks = String.join(", ", java.util.Collections.nCopies(bySeq.size(), "?"));
    Map<Long, List<AuditEvent.Resource>> resources = new HashMap<>();
    for (Object[] row : sql.list("SELECT seq, resource_type, resource_name FROM "
        + "audit_event_resources WHERE seq IN (" + marks + ")",
        rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)},
        bySeq.keySet().toArray())) {
      resources.computeIfAbsent((Long) row[0], k -> new ArrayList<>())
          .add(new AuditEvent.Resource((String) row[1], (String) row[2]));
    }
    List<StoredAuditEvent> out = new ArrayList<>(bySeq.size());
    for (StoredAuditEvent s : bySeq.values()) {
      List<AuditEvent.Resource> rs = resources.get(s.seq());
      AuditEvent e = s.event();
      out.add(rs == null ? s : new StoredAuditEvent(s.seq(), new AuditEvent(e.eventId(),
          e.eventTime(), e.accountId(), e.eventSource(), e.eventName(), e.username(),
          e.principalArn(), e.accessKeyId(), e.readOnly(), e.errorCode(), e.sourceIp(), rs,
          e.record()), s.previousHash(), s.hash()));
    }
    return out;
  }
}
