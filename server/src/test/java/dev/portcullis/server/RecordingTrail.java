package dev.portcullis.server;

import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.store.StoreTx;
import java.util.ArrayList;
import java.util.List;

/** An audit trail that keeps every event it is given and how: in a transaction or recorded. */
final class RecordingTrail implements AuditTrail {
  /** One event as the trail received it. */
  record Received(CallRecord call, boolean inTransaction) {}

  private final List<Received> received = new ArrayList<>();

  @Override
  public synchronized void appendInTransaction(StoreTx tx, CallRecord call) {
    if (tx == null) {
      throw new AssertionError("appended outside a transaction");
    }
    received.add(new Received(call, true));
  }

  @Override
  public synchronized void record(CallRecord call) {
    received.add(new Received(call, false));
  }

  /** The events of the request {@code requestId}. */
  synchronized List<Received> of(String requestId) {
    return received.stream().filter(r -> r.call().facts().requestId().equals(requestId))
        .toList();
  }

  /** Every event received so far. */
  synchronized List<Received> all() {
    return List.copyOf(received);
  }
}
