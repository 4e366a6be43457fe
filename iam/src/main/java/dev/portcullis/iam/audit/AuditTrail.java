package dev.portcullis.iam.audit;

import dev.portcullis.iam.store.StoreTx;

/**
 * Where the core sends the one event of every call. A call that changed the store has its
 * event committed in the transaction of the change ({@link #appendInTransaction}: staged there,
 * chained into the trail by a later batch); every other call's event is {@link #record}ed,
 * which may be batched.
 */
public interface AuditTrail {
  /** Commits {@code call}'s event inside {@code tx}, the transaction that commits its change. */
  void appendInTransaction(StoreTx tx, CallRecord call);

  /** Records the event of a call that changed nothing; may be written later, in a batch. */
  void record(CallRecord call);

  /** A trail that keeps nothing (recording turned off). */
  AuditTrail NONE = new AuditTrail() {
    @Override
    public void appendInTransaction(StoreTx tx, CallRecord call) {}

    @Override
    public void record(CallRecord call) {}
  };
}
