package dev.portcullis.server.audit;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An audit store in memory, for tests written before the JDBC audit store: rows in a list, as
 * an attacker with write access to the table sees them (tests tamper with them directly).
 */
final class InMemoryAuditStore implements AuditStore {
  private final List<StoredAuditEvent> rows = new ArrayList<>();
  private StoredAuditEvent.Anchor anchor = new StoredAuditEvent.Anchor(0, AuditChain.GENESIS);

  @Override
  public synchronized List<StoredAuditEvent> append(List<AuditEvent> events) {
    List<StoredAuditEvent> out = new ArrayList<>();
    for (AuditEvent e : events) {
      Optional<StoredAuditEvent> head = head();
      long seq = head.map(StoredAuditEvent::seq).orElse(anchor.seq()) + 1;
      String previous = head.map(StoredAuditEvent::hash).orElse(anchor.hash());
      StoredAuditEvent stored = new StoredAuditEvent(seq, e, previous,
          AuditChain.hash(previous, e.record()));
      rows.add(stored);
      out.add(stored);
    }
    return out;
  }

  @Override
  public synchronized Optional<StoredAuditEvent> head() {
    return rows.stream().max(Comparator.comparingLong(StoredAuditEvent::seq));
  }

  @Override
  public synchronized StoredAuditEvent.Anchor anchor() {
    return anchor;
  }

  @Override
  public synchronized List<StoredAuditEvent> range(long fromSeq, int limit) {
    return rows.stream().filter(r -> r.seq() >= fromSeq)
        .sorted(Comparator.comparingLong(StoredAuditEvent::seq)).limit(limit).toList();
  }

  @Override
  public List<StoredAuditEvent> lookup(AuditEventQuery query) {
    return List.of();
  }

  @Override
  public synchronized int deleteBefore(Instant cutoff) {
    List<StoredAuditEvent> old = range(0, Integer.MAX_VALUE).stream()
        .takeWhile(r -> r.event().eventTime().isBefore(cutoff)).toList();
    if (!old.isEmpty()) {
      StoredAuditEvent last = old.get(old.size() - 1);
      anchor = new StoredAuditEvent.Anchor(last.seq(), last.hash());
      rows.removeAll(old);
    }
    return old.size();
  }

  /** The row at {@code seq}. */
  synchronized StoredAuditEvent at(long seq) {
    return rows.stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
  }

  /** An attacker's UPDATE of one row. */
  synchronized void update(long seq, UnaryOperator<StoredAuditEvent> change) {
    StoredAuditEvent row = at(seq);
    rows.set(rows.indexOf(row), change.apply(row));
  }

  /** An attacker's DELETE of one row. */
  synchronized void delete(long seq) {
    rows.remove(at(seq));
  }

  /** An attacker's INSERT of a row (with the seq of their choosing). */
  synchronized void insert(StoredAuditEvent row) {
    rows.add(row);
  }
}
