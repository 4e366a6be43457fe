package dev.portcullis.store;

import dev.portcullis.iam.domain.AuditEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the audit events of an installation from before V094 (a row per event in {@code
 * audit_events}, its resources in {@code audit_event_resources}) into segments of up to 1,000
 * events or 4 MiB, in chain order, keeping every seq and hash (the chain row is untouched),
 * then drops the old tables. Runs at store open after the migrations, in their own transaction: SQL cannot
 * build the segments' blobs.
 */
final class LegacyAuditRows {
  static final int SEGMENT = JdbcAuditEvents.MAX_SEGMENT_EVENTS;
  private static final HexFormat HEX = HexFormat.of();

  private LegacyAuditRows() {}

  /** Moves the old rows if the old tables exist; returns how many events moved. */
  static long move(Connection c) throws SQLException {
    if (!exists(c, "audit_events")) {
      return 0;
    }
    Sql sql = new Sql(c);
    long moved = 0;
    long after = Long.MIN_VALUE;
    try {
      while (true) {
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        for (Object[] row : sql.list("SELECT seq, event_id, event_time, account_id, "
            + "event_source, event_name, username, principal_arn, access_key_id, read_only, "
            + "error_code, source_ip, record, previous_hash, hash FROM audit_events "
            + "WHERE seq > ? ORDER BY seq LIMIT ?", LegacyAuditRows::row, after, SEGMENT)) {
          rows.put((Long) row[0], row);
        }
        if (rows.isEmpty()) {
          break;
        }
        long first = rows.keySet().iterator().next();
        long last = (Long) rows.values().stream().reduce((a, b) -> b).orElseThrow()[0];
        Map<Long, List<AuditEvent.Resource>> resources = new HashMap<>();
        sql.list("SELECT seq, resource_type, resource_name FROM audit_event_resources "
            + "WHERE seq >= ? AND seq <= ? ORDER BY seq", rs -> resources.computeIfAbsent(
            rs.getLong(1), k -> new ArrayList<>()).add(new AuditEvent.Resource(
            rs.getString(2), rs.getString(3))), first, last);
        writeSegment(sql, rows, resources);
        moved += rows.size();
        after = last;
      }
      sql.update("DROP TABLE audit_event_resources");
      sql.update("DROP TABLE audit_events");
      c.commit();
      return moved;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * One segment of consecutive rows; a gap in seq (rows deleted by hand) starts a new one, so
   * every event keeps its seq and the gap stays visible to verify, and so does reaching the
   * segments' size bound.
   */
  private static void writeSegment(Sql sql, Map<Long, Object[]> rows,
      Map<Long, List<AuditEvent.Resource>> resources) {
    AuditSegmentCodec.Writer writer = new AuditSegmentCodec.Writer();
    List<AuditEvent> events = new ArrayList<>();
    long first = 0;
    long expected = 0;
    String previous = null;
    for (Object[] row : rows.values()) {
      long seq = (Long) row[0];
      if (!events.isEmpty() && (seq != expected
          || writer.size() >= JdbcAuditEvents.MAX_SEGMENT_BYTES)) {
        insert(sql, first, previous, events, writer);
        events.clear();
      }
      if (events.isEmpty()) {
        writer.start();
        first = seq;
        previous = (String) row[13];
      }
      AuditEvent e = new AuditEvent((String) row[1], Instant.ofEpochMilli((Long) row[2]),
          (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7],
          (String) row[8], (Boolean) row[9], (String) row[10], (String) row[11],
          resources.getOrDefault(seq, List.of()), (String) row[12]);
      writer.addEntry(new AuditSegmentCodec.Entry(e, HEX.parseHex((String) row[14])));
      events.add(e);
      expected = seq + 1;
    }
    insert(sql, first, previous, events, writer);
  }

  private static void insert(Sql sql, long first, String previous, List<AuditEvent> events,
      AuditSegmentCodec.Writer writer) {
    JdbcAuditEvents.insertSegment(sql, first, previous, events, writer.toBytes());
  }

  private static Object[] row(ResultSet rs) throws SQLException {
    return new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
        rs.getBoolean(10), rs.getString(11), rs.getString(12), rs.getString(13),
        rs.getString(14), rs.getString(15)};
  }

  static boolean exists(Connection c, String table) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }
}
