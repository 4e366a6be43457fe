package dev.portcullis.store;

import com.zaxxer.hikari.HikariConfig;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node on PostgreSQL behaves while its database is down: every wait on the database is
 * bounded, so a request fails within a few seconds instead of hanging, and the pool replaces
 * broken connections by itself, so the node recovers when the database returns.
 */
final class DatabaseOutage {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);
  /** The longest a request waits for a connection from the pool (Hikari's default is 30 s). */
  static final long CONNECTION_WAIT_MS = 2_500;
  private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);

  /** Bounds the pool's and the driver's waits; a JDBC URL's own parameters still win. */
  static void boundWaits(HikariConfig cfg) {
    cfg.setConnectionTimeout(CONNECTION_WAIT_MS);
    cfg.setValidationTimeout(1_000);
    // Keep a few connections rather than the whole pool: several nodes share one server.
    cfg.setMinimumIdle(2);
    cfg.setKeepaliveTime(TimeUnit.SECONDS.toMillis(30));
    cfg.addDataSourceProperty("connectTimeout", "2"); // seconds, to open a TCP connection
    cfg.addDataSourceProperty("loginTimeout", "3");
    // A database that stops answering (a network partition: no reset, no error) is noticed
    // after this long, whatever the statement; statements themselves are cut off earlier.
    cfg.addDataSourceProperty("socketTimeout", "15");
    cfg.addDataSourceProperty("tcpKeepAlive", "true");
    cfg.addDataSourceProperty("options", "-c statement_timeout=10000");
  }

  /**
   * Whether a failure means the database is unreachable or did not answer in time: no
   * connection within the wait, a connection error (SQLSTATE class 08), the server shutting
   * down or starting (57P01-57P03), or a statement cut off by its timeout (57014).
   */
  static boolean isOutage(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("57014")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Logs the outage once every ten seconds while it lasts, not once per request. */
  void report(SQLException e) {
    long now = System.nanoTime();
    long last = lastReport.get();
    if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
      LOG.warn("the database is unavailable; requests fail with ServiceUnavailable until it "
          + "returns: {}", e.getMessage());
    }
  }
}
