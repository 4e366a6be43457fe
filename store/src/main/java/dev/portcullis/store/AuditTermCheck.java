package dev.portcullis.store;

import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditTermMismatch;
import dev.portcullis.iam.store.AuditTermMismatch.Problem;
import dev.portcullis.iam.store.UnreadableAuditSegment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks {@code audit_terms} against the segments: one pass over the terms in first_seq order
 * beside one over the segments (a merge, so no index on first_seq is needed and each table is
 * read once); each segment's expected terms are rebuilt from its decoded events by {@link
 * AuditTerms}, as the writer built them. Memory holds one segment and its terms.
 */
final class AuditTermCheck {
  private static final int SEGMENT_PAGE = 8;
  private final Sql sql;
  private final Consumer<AuditTermMismatch> out;
  private final Deque<JdbcAuditEvents.Segment> segments = new ArrayDeque<>();
  private long segmentsAfter = Long.MIN_VALUE;
  private boolean segmentsDone;
  private long groupSeq;
  private Set<Term> group;

  private record Term(String code, String value) {}

  AuditTermCheck(Sql sql, Consumer<AuditTermMismatch> out) {
    this.sql = sql;
    this.out = out;
  }

  void run() {
    sql.each("SELECT first_seq, attribute, term FROM audit_terms ORDER BY first_seq", 1_000,
        rs -> {
          long firstSeq = rs.getLong(1);
          if (group != null && firstSeq != groupSeq) {
            flushGroup();
          }
          if (group == null) {
            group = new LinkedHashSet<>();
            groupSeq = firstSeq;
          }
          // CHAR(1) comes back padded on no database we use, but strip in case.
          group.add(new Term(rs.getString(2).strip(), rs.getString(3)));
          return null;
        });
    if (group != null) {
      flushGroup();
    }
    for (JdbcAuditEvents.Segment s = nextSegment(); s != null; s = nextSegment()) {
      compare(s, Set.of());
    }
  }

  /** Matches the terms naming {@code groupSeq} with the segment starting there, if any. */
  private void flushGroup() {
    JdbcAuditEvents.Segment s = peekSegment();
    while (s != null && s.firstSeq() < groupSeq) {
      compare(nextSegment(), Set.of()); // a segment with no terms at all
      s = peekSegment();
    }
    if (s != null && s.firstSeq() == groupSeq) {
      compare(nextSegment(), group);
    } else {
      for (Term t : group) {
        report(Problem.ORPHANED, t, groupSeq, groupSeq);
      }
    }
    group = null;
  }

  private void compare(JdbcAuditEvents.Segment s, Set<Term> stored) {
    List<StoredAuditEvent> events;
    try {
      events = s.decode();
    } catch (UnreadableAuditSegment e) {
      return; // reported as unreadable by the chain's check
    }
    Set<Term> expected = new LinkedHashSet<>();
    for (Object[] row : AuditTerms.rows(s.firstSeq(),
        events.stream().map(StoredAuditEvent::event).toList())) {
      expected.add(new Term((String) row[0], (String) row[1]));
    }
    for (Term t : expected) {
      if (!stored.contains(t)) {
        report(Problem.MISSING, t, s.firstSeq(), s.lastSeq());
      }
    }
    for (Term t : stored) {
      if (!expected.contains(t)) {
        report(Problem.EXTRA, t, s.firstSeq(), s.lastSeq());
      }
    }
  }

  private void report(Problem problem, Term t, long firstSeq, long lastSeq) {
    out.accept(new AuditTermMismatch(problem, AuditTerms.attribute(t.code()), t.value(),
        firstSeq, lastSeq));
  }

  private JdbcAuditEvents.Segment peekSegment() {
    if (segments.isEmpty() && !segmentsDone) {
      List<JdbcAuditEvents.Segment> page = sql.list("SELECT " + JdbcAuditEvents.Segment.COLUMNS
          + " FROM audit_segments WHERE first_seq > ? ORDER BY first_seq LIMIT "
          + SEGMENT_PAGE, JdbcAuditEvents.Segment::of, segmentsAfter);
      segments.addAll(page);
      segmentsDone = page.size() < SEGMENT_PAGE;
      if (!page.isEmpty()) {
        segmentsAfter = page.get(page.size() - 1).firstSeq();
      }
    }
    return segments.peekFirst();
  }

  private JdbcAuditEvents.Segment nextSegment() {
    peekSegment();
    return segments.pollFirst();
  }
}
