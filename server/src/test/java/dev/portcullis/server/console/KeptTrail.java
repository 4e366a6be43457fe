package dev.portcullis.server.console;

import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.store.StoreTx;
import java.util.ArrayList;
import java.util.List;

/** A trail that keeps every call record it is given and passes it on to the real trail. */
final class KeptTrail implements AuditTrail {
  private final AuditTrail next;
  private final List<CallRecord> kept = new ArrayList<>();

  KeptTrail(AuditTrail next) {
    this.next = next;
  }

  @Override
  public void appendInTransaction(StoreTx tx, CallRecord call) {
    synchronized (this) {
      kept.add(call);
    }
    next.appendInTransaction(tx, call);
  }

  @Override
  public void record(CallRecord call) {
    synchronized (this) {
      kept.add(call);
    }
    next.record(call);
  }

  synchronized List<CallRecord> all() {
    return List.copyOf(kept);
  }

  synchronized void clear() {
    kept.clear();
  }
}
