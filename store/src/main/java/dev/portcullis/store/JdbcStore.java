package dev.portcullis.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.iam.store.ChangeFeed;
import dev.portcullis.iam.store.CommitHook;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The store on SQLite (embedded default: WAL, synchronous=FULL) or PostgreSQL. SQLite allows
 * one writer at a time: writes go through one connection that begins its transactions
 * IMMEDIATE (taking the write lock before reading, so no write starts from a stale snapshot),
 * behind a process-wide lock; reads use a pool of their own. On PostgreSQL (READ COMMITTED,
 * several nodes) a write locks the rows it looks up, and a write that loses a race is run again:
 * quotas and "in use" rules hold across nodes as they do on SQLite. Each invalidating write is
 * announced to the other nodes through a {@link ChangeFeed} (see {@link PostgresChangeFeed}).
 */
public final class JdbcStore implements Store {
  private final HikariDataSource pool;
  private final Dialect dialect;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final AtomicLong generation = new AtomicLong();
  private final DatabaseOutage outage = new DatabaseOutage();

  private final HikariDataSource writer;
  /** Opened by {@link #openForReading}: no write connection, no migration, writes refused. */
  private final boolean readOnly;
  private final ChangeFeed changes;
  private final Duration maxStaleness;
  /** SQLite only: copies the write-ahead log into the database off the write path. */
  private final WalCheckpointer checkpointer;
  /** The commit hook of the call running on each thread, if any. */
  private final ThreadLocal<CommitHook> hooks = new ThreadLocal<>();

  private JdbcStore(HikariDataSource pool, HikariDataSource writer, Dialect dialect,
      ChangeFeed changes, Duration maxStaleness, WalCheckpointer checkpointer) {
    this(pool, writer, false, dialect, changes, maxStaleness, checkpointer);
  }

  private JdbcStore(HikariDataSource pool, HikariDataSource writer, boolean readOnly,
      Dialect dialect, ChangeFeed changes, Duration maxStaleness, WalCheckpointer checkpointer) {
    this.pool = pool;
    this.checkpointer = checkpointer;
    this.writer = writer;
    this.readOnly = readOnly;
    this.dialect = dialect;
    this.changes = changes;
    this.maxStaleness = maxStaleness;
  }

  /** Opens the database at {@code jdbcUrl} and brings its schema up to date. */
  public static JdbcStore open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, Propagation.DEFAULT);
  }

  /**
   * Opens the database at {@code jdbcUrl}, brings its schema up to date and, on PostgreSQL,
   * shares changes with other nodes as {@code propagation} says.
   */
  public static JdbcStore open(String jdbcUrl, String user, String password,
      Propagation propagation) {
    Dialect dialect = Dialect.of(jdbcUrl);
    if (dialect == Dialect.POSTGRESQL) {
      HikariDataSource pool = pool(jdbcUrl, user, password, "portcullis-store", 16, null);
      migrate(pool, jdbcUrl);
      ChangeFeed changes = propagation.notifications()
          ? PostgresChangeFeed.start(jdbcUrl, user, password) : ChangeFeed.NONE;
      return new JdbcStore(pool, pool, dialect, changes, propagation.maxStaleness(), null);
    }
    HikariDataSource writer = pool(jdbcUrl, user, password, "portcullis-writer", 1, "IMMEDIATE");
    migrate(writer, jdbcUrl);
    HikariDataSource readers = pool(jdbcUrl, user, password, "portcullis-readers", 8, null);
    return new JdbcStore(readers, writer, dialect, ChangeFeed.NONE,
        propagation.maxStaleness(), WalCheckpointer.start(jdbcUrl));
  }

  /**
   * Opens the database at {@code jdbcUrl} for reading only, as the offline commands that only
   * read (audit events, export, verify) do: no write connection and no migration, so opening
   * never waits for a server's write in progress. Its writes throw {@link
   * IllegalStateException}.
   */
  public static JdbcStore openForReading(String jdbcUrl, String user, String password) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariDataSource readers = pool(jdbcUrl, user, password, "portcullis-readers", 2, null);
    try (Connection c = readers.getConnection()) {
      requireCurrentSchema(c);
    } catch (SQLException | RuntimeException e) {
      readers.close();
      throw e instanceof OutdatedSchema o ? o : new StoreException("cannot open the database "
          + "at " + Dialect.redacted(jdbcUrl), e);
    }
    return new JdbcStore(readers, readers, true, dialect, ChangeFeed.NONE,
        Propagation.DEFAULT.maxStaleness(), null);
  }

  /**
   * Refuses a database that {@link #open} has not brought up to date (reading does not
   * migrate): its tables are not those this version reads, so the offline commands would fail
   * on a missing table or, with the audit events not yet moved into segments, find the trail
   * empty and report every signed event as removed.
   */
  private static void requireCurrentSchema(Connection c) throws SQLException {
    Set<Integer> done = new HashSet<>();
    if (LegacyAuditRows.exists(c, "schema_version")) {
      done.addAll(new Sql(c).list("SELECT version FROM schema_version", rs -> rs.getInt(1)));
    }
    c.rollback();
    List<Integer> missing = Migrations.versions().stream().filter(v -> !done.contains(v))
        .toList();
    if (!missing.isEmpty() || LegacyAuditRows.exists(c, "audit_events")) {
      throw new OutdatedSchema(missing.contains(94) || missing.isEmpty()
          ? "this database's audit trail is in the format before V094"
          : "this database's schema is older than this version of portcullis");
    }
  }

  /** The database needs the upgrade that opening it for serving does. */
  public static final class OutdatedSchema extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutdatedSchema(String what) {
      super(what + ": start the server on it once (portcullis serve with the same "
          + "--data-dir or --database-url) to upgrade it, then run this command again");
    }
  }

  private static HikariDataSource pool(String jdbcUrl, String user, String password, String name,
      int size, String sqliteTransactionMode) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setPoolName(name);
    if (user != null) {
      cfg.setUsername(user);
      cfg.setPassword(password);
    }
    cfg.setMaximumPoolSize(size);
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      cfg.addDataSourceProperty("journal_mode", "WAL");
      cfg.addDataSourceProperty("synchronous", "FULL");
      cfg.addDataSourceProperty("foreign_keys", "true");
      cfg.addDataSourceProperty("busy_timeout", "10000");
      if (sqliteTransactionMode != null) {
        cfg.addDataSourceProperty("transaction_mode", sqliteTransactionMode);
        // The writer: the log is checkpointed by WalCheckpointer, off the write lock; a
        // commit does it itself only past the backstop.
        cfg.addDataSourceProperty("wal_autocheckpoint",
            Integer.toString(WalCheckpointer.BACKSTOP_PAGES));
      }
      cfg.setMinimumIdle(1); // grow on demand; start-up opens one connection, not the pool
      // Keep connections for the life of the pool: each holds its prepared statements.
      cfg.setMaxLifetime(0);
      cfg.setIdleTimeout(0);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      DatabaseOutage.boundWaits(cfg);
    }
    // SQLite's writer (a transaction mode given) idles in auto-commit: see inTransaction.
    cfg.setAutoCommit(sqliteTransactionMode != null && jdbcUrl.startsWith("jdbc:sqlite:"));
    return new HikariDataSource(cfg);
  }

  private static void migrate(HikariDataSource pool, String jdbcUrl) {
    try (Connection c = pool.getConnection()) {
      // SQLite's writer idles in auto-commit (see inTransaction); this work commits itself.
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      Migrations.apply(c);
      LegacyAuditRows.move(c);
      // What a crash left staged is chained before anything reads the trail (a server's
      // writer would within one interval; the offline commands open for reading only).
      new JdbcAuditEvents(new Sql(c)).append(List.of());
      c.commit();
      c.setAutoCommit(auto);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new StoreException("cannot open or migrate the database at "
          + Dialect.redacted(jdbcUrl), e);
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  @Override
  public <T> T withCommitHook(CommitHook hook, Supplier<T> call) {
    if (hooks.get() != null) {
      throw new IllegalStateException("a commit hook is already attached on this thread");
    }
    hooks.set(hook);
    try {
      return call.get();
    } finally {
      hooks.remove();
    }
  }

  @Override
  public <T> T write(Function<StoreTx, T> work) {
    return write(work, true, true);
  }

  @Override
  public <T> T writeUsage(Function<StoreTx, T> work) {
    return write(work, false, false);
  }

  @Override
  public <T> T writeIssuance(Function<StoreTx, T> work) {
    return write(work, false, true);
  }

  /**
   * One write, run again (a bounded number of times) when it lost a race with another writer:
   * see {@link WriteConflict}. On PostgreSQL the lookups of a {@code write} lock what they find
   * (see {@link Sql#forUpdate}); usage writes lock nothing, so recording use never waits.
   */
  private <T> T write(Function<StoreTx, T> work, boolean invalidates, boolean hooked) {
    boolean lockRows = invalidates && dialect == Dialect.POSTGRESQL;
    return WriteConflict.retrying(() -> writeOnce(work, invalidates, lockRows, hooked));
  }

  private <T> T writeOnce(Function<StoreTx, T> work, boolean invalidates, boolean lockRows,
      boolean hooked) {
    if (readOnly) {
      throw new IllegalStateException("this store was opened for reading only");
    }
    boolean lock = dialect == Dialect.SQLITE;
    if (lock) {
      writeLock.lock();
    }
    try {
      return inTransaction(writer, work, lockRows,
          invalidates && changes instanceof PostgresChangeFeed feed ? feed : null,
          hooked ? hooks.get() : null);
    } finally {
      // Also after a failed write: the transaction may have committed before the failure.
      if (invalidates) {
        generation.incrementAndGet();
      }
      if (lock) {
        writeLock.unlock();
      }
    }
  }

  @Override
  public long generation() {
    // Both only grow, so their sum moves whenever either does.
    return generation.get() + changes.generation();
  }

  @Override
  public Duration maxStaleness() {
    return maxStaleness;
  }

  @Override
  public <T> T read(Function<StoreTx, T> work) {
    return inTransaction(pool, work, false, null, null);
  }

  /**
   * Runs {@code work} in one transaction, locking the rows it looks up when {@code lockRows};
   * announces it to {@code feed}, if any, on commit; runs {@code hook}, if any, last.
   */
  private <T> T inTransaction(HikariDataSource source, Function<StoreTx, T> work,
      boolean lockRows, PostgresChangeFeed feed, CommitHook hook) {
    try (Connection c = source.getConnection()) {
      // SQLite's writer runs in auto-commit between writes and begins each write IMMEDIATE
      // here: the driver begins the next transaction as soon as one commits, so a writer left
      // in manual commit held the database's write lock while idle, and no other process (root
      // reset, password-policy set on a running server) could ever write.
      boolean ownWriteLock = source == writer && dialect == Dialect.SQLITE;
      if (ownWriteLock) {
        c.setAutoCommit(false);
      }
      boolean committed = false;
      try {
        JdbcTx tx = new JdbcTx(new Sql(c, dialect == Dialect.SQLITE, lockRows));
        T result = work.apply(tx);
        if (hook != null) {
          hook.beforeCommit(tx, result);
        }
        if (feed != null) {
          feed.publish(c);
        }
        c.commit();
        committed = true;
        if (hook != null) {
          hook.afterCommit();
        }
        return result;
      } catch (RuntimeException e) {
        throw translate(e);
      } finally {
        // Whatever failed (an error, the commit itself), the connection goes back to the pool
        // with no transaction open: the pool cannot see statements prepared on the physical
        // connection, so it would not roll back for us.
        if (!committed) {
          rollbackQuietly(c);
        }
        if (ownWriteLock) {
          c.setAutoCommit(true); // ends the empty transaction the driver began: lock released
        }
      }
    } catch (SQLException e) {
      throw translate(new StoreException(e));
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original failure is the one to report
    }
  }

  /**
   * A database that cannot be reached (or does not answer in time) surfaces as
   * ServiceUnavailable, at once. Races between writers are left to {@link WriteConflict}.
   */
  private RuntimeException translate(RuntimeException e) {
    if (e.getCause() instanceof SQLException sql && DatabaseOutage.isOutage(sql)) {
      outage.report(sql);
      return new AwsException(ErrorCode.SERVICE_UNAVAILABLE,
          "The request has failed due to a temporary failure of the server.");
    }
    return e;
  }

  /** One checkpoint now (tests): the log's pages and how many the database file holds. */
  long[] checkpoint() {
    return checkpointer == null ? new long[] {0, 0} : checkpointer.checkpoint();
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    changes.close();
    pool.close();
    if (writer != pool) {
      writer.close();
    }
  }
}
