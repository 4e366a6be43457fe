package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which database failures answer ServiceUnavailable rather than ServiceFailure. */
class DatabaseOutageClassificationTest {

  @Test
  void isOutage_whenNoConnectionOrConnectionLostOrServerStopping_isTrue() {
    assertThat(DatabaseOutage.isOutage(new SQLTransientConnectionException("pool timeout")))
        .isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("refused", "08001"))).isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("terminating", "57P01"))).isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("starting up", "57P03"))).isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("statement timeout", "57014")))
        .isTrue();
    assertThat(DatabaseOutage.isOutage(new SQLException("wrapped",
        new SQLException("lost", "08003")))).isTrue();
  }

  @Test
  void isOutage_whenTheStatementItselfFailed_isFalse() {
    assertThat(DatabaseOutage.isOutage(new SQLException("duplicate", "23505"))).isFalse();
    assertThat(DatabaseOutage.isOutage(new SQLException("syntax", "42601"))).isFalse();
    assertThat(DatabaseOutage.isOutage(new SQLException("sqlite busy"))).isFalse();
  }
}
