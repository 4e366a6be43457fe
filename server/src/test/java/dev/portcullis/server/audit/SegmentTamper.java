package dev.portcullis.server.audit;

import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.store.AuditSegmentCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What an attacker with write access to the database can do to the stored trail: decode every
 * segment into rows (seq, event, stored hash), change, remove, insert or swap them, and write
 * the segments back (consecutive rows in one segment, a gap in seq or a seq where a segment
 * started before starting another, each segment's first predecessor the hash of the row before
 * it) with the chain's head at the last row. The lookup terms are left as they were, so an
 * edited lookup value is also a missing or extra term.
 */
public final class SegmentTamper {
  /** One stored event: its position, its fields and the hash stored with it. */
  public static final class Row {
    public long seq;
    public AuditEvent event;
    public byte[] hash;

    public Row(long seq, AuditEvent event, byte[] hash) {
      this.seq = seq;
      this.event = event;
      this.hash = hash;
    }
  }

  private SegmentTamper() {}

  /** Every stored event, in seq order. */
  public static List<Row> rows(Connection c) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT first_seq, events FROM audit_segments ORDER BY first_seq")) {
      while (rs.next()) {
        long seq = rs.getLong(1);
        for (AuditSegmentCodec.Entry e : AuditSegmentCodec.decodeSegment(rs.getBytes(2))) {
          rows.add(new Row(seq++, e.event(), e.hash()));
        }
      }
    }
    return rows;
  }

  /** Lets {@code edit} change the rows, then writes them back in their place. */
  public static void edit(Connection c, Consumer<List<Row>> edit) throws Exception {
    String previous;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT previous_hash FROM audit_segments ORDER BY first_seq LIMIT 1")) {
      rs.next();
      previous = rs.getString(1);
    }
    Set<Long> starts = new HashSet<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT first_seq FROM audit_segments")) {
      while (rs.next()) {
        starts.add(rs.getLong(1));
      }
    }
    List<Row> rows = rows(c);
    edit.accept(rows);
    rows.sort((a, b) -> Long.compare(a.seq, b.seq));
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM audit_segments");
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_segments (first_seq, "
        + "last_seq, min_time, max_time, previous_hash, events) VALUES (?, ?, ?, ?, ?, ?)")) {
      int i = 0;
      while (i < rows.size()) {
        int end = i + 1;
        while (end < rows.size() && rows.get(end).seq == rows.get(end - 1).seq + 1
            && !starts.contains(rows.get(end).seq)) {
          end++;
        }
        AuditSegmentCodec.Writer w = new AuditSegmentCodec.Writer().start();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Row r : rows.subList(i, end)) {
          w.addEntry(new AuditSegmentCodec.Entry(r.event, r.hash));
          min = Math.min(min, r.event.eventTime().toEpochMilli());
          max = Math.max(max, r.event.eventTime().toEpochMilli());
        }
        insert.setLong(1, rows.get(i).seq);
        insert.setLong(2, rows.get(end - 1).seq);
        insert.setLong(3, min);
        insert.setLong(4, max);
        insert.setString(5, previous);
        insert.setBytes(6, w.toBytes());
        insert.executeUpdate();
        previous = java.util.HexFormat.of().formatHex(rows.get(end - 1).hash);
        i = end;
      }
    }
    if (!rows.isEmpty()) {
      try (PreparedStatement head = c.prepareStatement(
          "UPDATE audit_chain SET head_seq = ?, head_hash = ?")) {
        head.setLong(1, rows.get(rows.size() - 1).seq);
        head.setString(2, previous);
        head.executeUpdate();
      }
    }
  }

  /** The row at {@code seq}. */
  public static Row at(List<Row> rows, long seq) {
    return rows.stream().filter(r -> r.seq == seq).findFirst().orElseThrow();
  }

  /** {@code e} with one field (named as in {@link AuditEvent}) set to {@code value}. */
  public static AuditEvent with(AuditEvent e, String field, Object value) {
    String s = value instanceof String v ? v : null;
    return new AuditEvent(
        field.equals("eventId") ? s : e.eventId(),
        field.equals("eventTime") ? (Instant) value : e.eventTime(),
        field.equals("accountId") ? s : e.accountId(),
        field.equals("eventSource") ? s : e.eventSource(),
        field.equals("eventName") ? s : e.eventName(),
        field.equals("username") ? s : e.username(),
        field.equals("principalArn") ? s : e.principalArn(),
        field.equals("accessKeyId") ? s : e.accessKeyId(),
        field.equals("readOnly") ? (Boolean) value : e.readOnly(),
        field.equals("errorCode") ? s : e.errorCode(),
        field.equals("sourceIp") ? s : e.sourceIp(),
        field.equals("resources") ? castResources(value) : e.resources(),
        field.equals("record") ? s : e.record());
  }

  @SuppressWarnings("unchecked")
  private static List<AuditEvent.Resource> castResources(Object value) {
    return (List<AuditEvent.Resource>) value;
  }
}
