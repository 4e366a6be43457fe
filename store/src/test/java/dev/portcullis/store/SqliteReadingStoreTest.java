package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.domain.Account;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store opened for reading (what {@code portcullis audit events | export | verify} use)
 * reads a SQLite database while a server's store holds it: opening it with {@link
 * JdbcStore#open} instead waited out the busy timeout on the server's write transaction and
 * failed with SQLITE_BUSY.
 */
class SqliteReadingStoreTest {
  @TempDir Path dir;

  @Test
  void openForReading_whileAServersStoreHoldsTheDatabase_readsWithoutWaiting() {
    String url = "jdbc:sqlite:" + dir.resolve("portcullis.db");
    try (JdbcStore server = JdbcStore.open(url, null, null)) {
      server.write(tx -> {
        tx.accounts().create(new Account("123456789012", Instant.now()));
        return null;
      });

      long started = System.nanoTime();
      try (JdbcStore reader = JdbcStore.openForReading(url, null, null)) {
        Optional<Account> account = reader.read(tx -> tx.accounts().primary());

        assertThat(account).map(Account::accountId).contains("123456789012");
      }
      assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds to open and read")
          .isLessThan(5_000);
      // The server's store still writes afterwards.
      server.write(tx -> tx.accounts().primary());
    }
  }

  @Test
  void openForReading_write_isRefused() {
    String url = "jdbc:sqlite:" + dir.resolve("portcullis.db");
    JdbcStore.open(url, null, null).close();
    try (JdbcStore reader = JdbcStore.openForReading(url, null, null)) {
      assertThatThrownBy(() -> reader.write(tx -> tx.accounts().primary()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("reading only");
    }
  }
}
