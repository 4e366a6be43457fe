package dev.portcullis.store;

import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of {@code audit_terms} for a segment: each distinct value of a selective LookupEvents
 * attribute among its events, once. ReadOnly and EventSource have a few values only, each in
 * nearly every segment: a lookup by them walks the segments instead.
 */
final class AuditTerms {
  static final String INSERT = "INSERT INTO audit_terms (attribute, term, first_seq) "
      + "VALUES (?, ?, ?)";
  static final String DELETE = "DELETE FROM audit_terms WHERE attribute = ? AND term = ? "
      + "AND first_seq = ?";

  private AuditTerms() {}

  /** The code of {@code key} in the attribute column, or null if it has no terms. */
  static String code(AuditEventQuery.Key key) {
    return switch (key) {
      case EventName -> "N";
      case Username -> "U";
      case AccessKeyId -> "K";
      case ResourceType -> "T";
      case ResourceName -> "R";
      case EventId -> "I";
      case ReadOnly, EventSource -> null;
    };
  }

  /** The LookupAttributeKey {@code code} stands for, or the code itself if it is none. */
  static String attribute(String code) {
    for (AuditEventQuery.Key key : AuditEventQuery.Key.values()) {
      if (code.equals(code(key))) {
        return key.name();
      }
    }
    return code;
  }

  /** Adds the term rows of the segment at {@code firstSeq} holding {@code events} to {@code rows}. */
  static void rows(long firstSeq, List<AuditEvent> events, List<Object[]> rows) {
    Set<String> seen = new HashSet<>();
    for (AuditEvent e : events) {
      // Event ids are unique: no set needed for them.
      rows.add(new Object[] {"I", e.eventId(), firstSeq});
      add("N", e.eventName(), firstSeq, seen, rows);
      add("U", e.username(), firstSeq, seen, rows);
      add("K", e.accessKeyId(), firstSeq, seen, rows);
      for (AuditEvent.Resource r : e.resources()) {
        add("T", r.type(), firstSeq, seen, rows);
        add("R", r.name(), firstSeq, seen, rows);
      }
    }
  }

  /** The term rows of one segment, as a list. */
  static List<Object[]> rows(long firstSeq, List<AuditEvent> events) {
    List<Object[]> rows = new ArrayList<>();
    rows(firstSeq, events, rows);
    return rows;
  }

  private static void add(String code, String value, long firstSeq, Set<String> seen,
      List<Object[]> rows) {
    if (value != null && seen.add(code + value)) {
      rows.add(new Object[] {code, value, firstSeq});
    }
  }
}
