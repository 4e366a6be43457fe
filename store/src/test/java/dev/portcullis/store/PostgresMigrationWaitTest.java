package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A node starting while another migrates the same empty PostgreSQL database waits for it,
 * however long past the 10 s statement timeout that bounds requests: under load a first
 * migration took longer than that, and the waiting node failed to start.
 */
class PostgresMigrationWaitTest {
  @Test
  void open_whileAnotherNodeHoldsTheMigrationLockPastTheStatementTimeout_waitsAndOpens()
      throws Exception {
    String url = Databases.freshPostgresUrl();
    try (Connection other = DriverManager.getConnection(url, "postgres", "postgres");
        Statement st = other.createStatement()) {
      other.setAutoCommit(false);
      st.execute("SELECT pg_advisory_xact_lock(" + Migrations.POSTGRES_MIGRATION_LOCK + ")");
      Thread release = new Thread(() -> {
        try {
          Thread.sleep(11_000);
          other.commit();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      release.start();
      long start = System.nanoTime();
      try (JdbcStore store = JdbcStore.open(url, "postgres", "postgres")) {
        boolean hasAccount = store.read(tx -> tx.accounts().primary().isPresent());
        assertThat(hasAccount).isFalse();
      }
      assertThat(System.nanoTime() - start).isGreaterThan(10_000_000_000L);
      release.join();
    }
  }
}
