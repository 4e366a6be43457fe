package dev.portcullis.iam.store;

/**
 * Work the core attaches to every write transaction of the current call (see {@link
 * Store#withCommitHook}): the audit trail appends a changing call's event in the transaction
 * that makes the change, so no acknowledged change is ever missing from the trail.
 */
public interface CommitHook {
  /**
   * Runs inside the transaction, after its work returned {@code result} and before the commit;
   * throwing rolls the transaction back. Runs again if the transaction is retried.
   */
  void beforeCommit(StoreTx tx, Object result);

  /** Runs once the transaction in which {@link #beforeCommit} last ran has committed. */
  void afterCommit();
}
