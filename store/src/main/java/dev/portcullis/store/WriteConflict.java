package dev.portcullis.store;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How a write transaction lost a race with another writer, told from the SQLSTATE (PostgreSQL)
 * or the message (SQLite), and the bounded retry that resolves it. Run again, the operation
 * sees what the other writer committed and answers as IAM does (EntityAlreadyExists,
 * NoSuchEntity, DeleteConflict, LimitExceeded); only a race still lost after {@value
 * #ATTEMPTS} attempts surfaces, as a 409, never as a 500.
 */
enum WriteConflict {
  /** Another writer inserted the same key (a name, an id) first. */
  UNIQUE,
  /** The row referenced went away, or a row still references the one deleted. */
  FOREIGN_KEY,
  /** PostgreSQL could not serialize the transaction (40001). */
  SERIALIZATION,
  /** PostgreSQL broke a lock cycle by aborting this transaction (40P01). */
  DEADLOCK;

  static final int ATTEMPTS = 6;

  /** The conflict {@code failure} reports, if it is one. */
  static Optional<WriteConflict> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        Optional<WriteConflict> conflict = of(sql);
        if (conflict.isPresent()) {
          return conflict;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<WriteConflict> of(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (state.equals("23505") || message.contains("UNIQUE constraint failed")
        || message.contains("PRIMARY KEY constraint failed")) {
      return Optional.of(UNIQUE);
    } else if (state.equals("23503") || message.contains("FOREIGN KEY constraint failed")) {
      return Optional.of(FOREIGN_KEY);
    } else if (state.equals("40001")) {
      return Optional.of(SERIALIZATION);
    } else if (state.equals("40P01")) {
      return Optional.of(DEADLOCK);
    }
    return Optional.empty();
  }

  /**
   * The AWS error for a race still lost when the attempts are spent, worded as the IAM service
   * model documents the error (EntityAlreadyExistsException, ConcurrentModificationException).
   */
  AwsException toAwsError() {
    return this == UNIQUE
        ? new AwsException(ErrorCode.ENTITY_ALREADY_EXISTS, "The request was rejected because "
            + "it attempted to create a resource that already exists.")
        : new AwsException(ErrorCode.CONCURRENT_MODIFICATION, "The request was rejected "
            + "because multiple requests to change this object were submitted simultaneously. "
            + "Wait a few minutes and submit your request again.");
  }

  /**
   * Runs {@code attempt} (one whole transaction) until it commits, fails for another reason,
   * or has lost {@value #ATTEMPTS} races; waits a short random time between attempts so the
   * racers do not meet again.
   */
  static <T> T retrying(Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        Optional<WriteConflict> conflict = of(e);
        if (conflict.isEmpty()) {
          throw e;
        }
        if (n == ATTEMPTS) {
          throw conflict.get().toAwsError();
        }
        pause(n);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying a write", e);
    }
  }
}
