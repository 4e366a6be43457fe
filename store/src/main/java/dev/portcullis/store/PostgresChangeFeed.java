package dev.portcullis.store;

import dev.portcullis.iam.store.ChangeFeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes shared through PostgreSQL's LISTEN/NOTIFY. Each invalidating write {@link #publish
 * publishes} a notification in its own transaction, so it is delivered only if the write
 * commits; one connection per node listens on a daemon thread and moves the generation when
 * another node's notification arrives. When that connection fails the generation moves at once
 * and again once it listens anew (notifications sent meanwhile are lost), reconnecting with
 * backoff.
 */
final class PostgresChangeFeed implements ChangeFeed {
  static final String CHANNEL = "portcullis_changes";
  static final String APPLICATION_NAME = "portcullis-changes";
  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
  private static final int POLL_MILLIS = 500;
  private static final long CHECK_IDLE_MILLIS = 5_000;
  private static final long MIN_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final String jdbcUrl;
  private final Properties properties;
  // Tells this node's notifications from the others': its own writes moved its generation.
  private final String nodeId = UUID.randomUUID().toString();
  private final AtomicLong generation = new AtomicLong();
  private final Thread listener;
  private volatile boolean closed;
  // The connection start() opened, handed to the listener thread, which alone uses it.
  private volatile Connection first;

  private PostgresChangeFeed(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    properties.setProperty("connectTimeout", "5");
    // Bounds on what comes after the TCP connection too: a server that accepts and never
    // answers (stopped, behind a partitioned proxy) would otherwise hold this thread forever,
    // and the node would never hear other nodes again.
    properties.setProperty("loginTimeout", "5");
    properties.setProperty("socketTimeout", "15");
    properties.setProperty("tcpKeepAlive", "true");
    this.listener = new Thread(this::run, "portcullis-change-listener");
    listener.setDaemon(true);
  }

  /** Starts listening; returns once listening, or once the first attempt failed (it retries). */
  static PostgresChangeFeed start(String jdbcUrl, String user, String password) {
    PostgresChangeFeed feed = new PostgresChangeFeed(jdbcUrl, user, password);
    feed.first = feed.connect();
    if (feed.first == null) {
      LOG.warn("cannot listen for other nodes' changes yet; retrying, meanwhile their changes"
          + " take effect within the staleness bound");
    }
    feed.listener.start();
    return feed;
  }

  /** Announces, within the transaction on {@code c}, that it changes the identity graph. */
  void publish(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, CHANNEL);
      ps.setString(2, nodeId);
      ps.execute();
    }
  }

  @Override
  public long generation() {
    return generation.get();
  }

  private void run() {
    long backoff = MIN_BACKOFF_MILLIS;
    boolean lost = first == null;
    while (!closed) {
      Connection c = first != null ? first : connect();
      first = null;
      if (c == null) {
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        continue;
      }
      if (lost) {
        LOG.info("listening for other nodes' changes again");
      }
      backoff = MIN_BACKOFF_MILLIS;
      try (c) {
        // Whatever was missed while not listening: every view loaded before now is stale.
        generation.incrementAndGet();
        listen(c);
      } catch (SQLException | RuntimeException e) {
        if (!closed) {
          LOG.warn("lost the connection that hears other nodes' changes ({}); reconnecting,"
              + " meanwhile their changes take effect within the staleness bound", e.getMessage());
          lost = true;
        }
      }
      generation.incrementAndGet();
    }
  }

  /** A connection listening on the channel, or null (logged) if the database cannot be reached. */
  private Connection connect() {
    Connection c = null;
    try {
      c = DriverManager.getConnection(jdbcUrl, properties);
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("LISTEN " + CHANNEL);
      }
      return c;
    } catch (SQLException e) {
      LOG.debug("cannot listen for other nodes' changes yet: {}", e.getMessage());
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the connection was unusable anyway
        }
      }
      return null;
    }
  }

  /** Moves the generation on each batch of other nodes' notifications, until the link fails. */
  private void listen(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    long quietSince = System.nanoTime();
    while (!closed) {
      PGNotification[] batch = pg.getNotifications(POLL_MILLIS);
      boolean news = false;
      if (batch != null) {
        for (PGNotification n : batch) {
          news |= !nodeId.equals(n.getParameter());
        }
      }
      if (news) {
        generation.incrementAndGet();
      }
      if (batch != null && batch.length > 0) {
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > CHECK_IDLE_MILLIS * 1_000_000) {
        // A link cut without a reset only shows when something is sent over it.
        if (!c.isValid(5)) {
          throw new SQLException("the connection no longer answers");
        }
        quietSince = System.nanoTime();
      }
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // close() interrupts; the loop checks closed
    }
  }

  @Override
  public void close() {
    closed = true;
    listener.interrupt();
    try {
      listener.join(2 * POLL_MILLIS + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
