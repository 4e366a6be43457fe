package dev.portcullis.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies SQLite's write-ahead log into the database file from a thread and connection of its
 * own, so that no write waits for it. Left to SQLite, the commit that takes the log past 1,000
 * pages copies them and syncs the database file while it holds the one write lock, and every
 * write behind it waits; the audit trail's rows and indexes roughly double the pages a change
 * commits, and with them how often a write pays for that. A passive checkpoint never blocks a
 * writer or a reader, and changes nothing about durability: each commit still syncs the log
 * (synchronous=FULL), and the log is reused only once the database file holds it and is synced.
 * The writer keeps SQLite's own checkpoint at {@link #BACKSTOP_PAGES}, so that the log stays
 * bounded should this thread fall behind.
 */
final class WalCheckpointer implements AutoCloseable {
  /** How far the log may grow before a commit checkpoints it itself (about 64 MiB). */
  static final int BACKSTOP_PAGES = 16_000;
  static final Duration INTERVAL = Duration.ofMillis(200);
  private static final System.Logger LOG = System.getLogger(WalCheckpointer.class.getName());
  private final Connection connection;
  private final ScheduledExecutorService thread;

  private WalCheckpointer(Connection connection, ScheduledExecutorService thread) {
    this.connection = connection;
    this.thread = thread;
  }

  /** Starts checkpointing the SQLite database at {@code jdbcUrl} every {@link #INTERVAL}. */
  static WalCheckpointer start(String jdbcUrl) {
    Properties props = new Properties();
    props.setProperty("busy_timeout", "10000");
    Connection c;
    try {
      c = DriverManager.getConnection(jdbcUrl, props);
      c.setAutoCommit(true); // a checkpoint cannot run inside a transaction of its own
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sqlite-checkpoint");
      t.setDaemon(true);
      return t;
    });
    WalCheckpointer checkpointer = new WalCheckpointer(c, thread);
    thread.scheduleWithFixedDelay(checkpointer::checkpointQuietly, INTERVAL.toMillis(),
        INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return checkpointer;
  }

  /**
   * One passive checkpoint: copies what no reader still needs; returns the log's pages and
   * how many of them the database file now holds (SQLite's answer to wal_checkpoint).
   */
  long[] checkpoint() {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      return new long[] {rs.getLong(2), rs.getLong(3)};
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private void checkpointQuietly() {
    try {
      checkpoint();
    } catch (RuntimeException e) {
      // The backstop keeps the log bounded; say why, without the database's path.
      LOG.log(System.Logger.Level.WARNING, "SQLite checkpoint failed: "
          + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing is best effort
    }
  }
}
