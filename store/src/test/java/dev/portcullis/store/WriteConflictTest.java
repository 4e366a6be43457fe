package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.protocol.AwsException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A write that loses a race is run again, and a race lost every time answers a 409. */
class WriteConflictTest {
  private static StoreException failure(String sqlState, String message) {
    return new StoreException(new SQLException(message, sqlState));
  }

  @Test
  void of_whenPostgresStates_namesEachConflict() {
    assertThat(WriteConflict.of(failure("23505", "duplicate key"))).contains(WriteConflict.UNIQUE);
    assertThat(WriteConflict.of(failure("23503", "violates foreign key")))
        .contains(WriteConflict.FOREIGN_KEY);
    assertThat(WriteConflict.of(failure("40001", "could not serialize")))
        .contains(WriteConflict.SERIALIZATION);
    assertThat(WriteConflict.of(failure("40P01", "deadlock detected")))
        .contains(WriteConflict.DEADLOCK);
    assertThat(WriteConflict.of(failure("08006", "connection failure"))).isEmpty();
  }

  @Test
  void of_whenSqliteMessages_namesEachConflict() {
    assertThat(WriteConflict.of(failure(null, "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint "
        + "failed (UNIQUE constraint failed: users.account_id, users.name_key)")))
        .contains(WriteConflict.UNIQUE);
    assertThat(WriteConflict.of(failure(null, "[SQLITE_CONSTRAINT_FOREIGNKEY] A foreign key "
        + "constraint failed (FOREIGN KEY constraint failed)")))
        .contains(WriteConflict.FOREIGN_KEY);
  }

  @Test
  void retrying_whenTheSecondAttemptCommits_returnsItsResult() {
    AtomicInteger attempts = new AtomicInteger();
    String result = WriteConflict.retrying(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw failure("40P01", "deadlock detected");
      }
      return "committed";
    });

    assertThat(result).isEqualTo("committed");
    assertThat(attempts).hasValue(2);
  }

  @Test
  void retrying_whenEveryAttemptLoses_answersConcurrentModificationAfterBoundedAttempts() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> WriteConflict.retrying(() -> {
      attempts.incrementAndGet();
      throw failure("23503", "violates foreign key");
    })).isInstanceOfSatisfying(AwsException.class, e -> {
      assertThat(e.code().code()).isEqualTo("ConcurrentModification");
      assertThat(e.code().httpStatus()).isEqualTo(409);
      assertThat(e.getMessage()).doesNotContain("foreign key");
    });
    assertThat(attempts).hasValue(WriteConflict.ATTEMPTS);
  }

  @Test
  void retrying_whenEveryAttemptHitsAUniqueKey_answersEntityAlreadyExists() {
    assertThatThrownBy(() -> WriteConflict.retrying(() -> {
      throw failure("23505", "duplicate key");
    })).isInstanceOfSatisfying(AwsException.class, e ->
        assertThat(e.code().code()).isEqualTo("EntityAlreadyExists"));
  }

  @Test
  void retrying_whenTheFailureIsNoConflict_rethrowsItAtOnce() {
    AtomicInteger attempts = new AtomicInteger();
    StoreException outage = failure("08006", "connection failure");
    assertThatThrownBy(() -> WriteConflict.retrying(() -> {
      attempts.incrementAndGet();
      throw outage;
    })).isSameAs(outage);
    assertThat(attempts).hasValue(1);
  }
}
