package dev.portcullis.iam.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Failed console sign-ins counted per key, shared by every node on the database. Keys are
 * opaque digests made by the caller (of a user name, an address, or both).
 */
public interface SignInCounterStore {
  /** A key's count. */
  record Counter(int failures, Instant lastFailureAt, Instant lockedUntil,
      Instant lastSuccessAt) {}

  Optional<Counter> find(String key);

  /**
   * Adds one failure at {@code at} atomically (a count older than {@code resetBefore} starts
   * again from one) and returns the new count.
   */
  int addFailure(String key, Instant at, Instant resetBefore);

  /** Sets the end of the key's current wait. */
  void lockUntil(String key, Instant until);

  /** Clears the key's failures after a success; {@code markSuccess} records the success time. */
  void reset(String key, Instant at, boolean markSuccess);

  /**
   * Removes counters whose last failure is before {@code failuresBefore} (or that have none)
   * and whose last success, if any, is before {@code successesBefore}; returns how many.
   */
  int prune(Instant failuresBefore, Instant successesBefore);
}
