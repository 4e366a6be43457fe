package dev.portcullis.server.audit;

import dev.portcullis.iam.audit.RecordLookupValues;
import dev.portcullis.iam.audit.integrity.AuditSigningKeys;
import dev.portcullis.iam.audit.integrity.Digester;
import dev.portcullis.iam.audit.integrity.TrailLayout;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.Store;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A trail to tamper with, in a real database: SQLite in a data directory a real server made
 * (so the offline {@code audit} commands can open it), or a fresh PostgreSQL database. Events go
 * through the JDBC audit store (segments, {@code audit_segments}); {@link #sql} and {@link
 * #edit} change the tables as an attacker with write access to the database would.
 */
public final class TrailFixture implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMinutes(5);
  static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");
  private final String url;
  private final String user;
  private JdbcStore jdbc;
  public final String accountId;
  public final SecretCipher cipher;
  private final Digester digester;

  /** A trail on SQLite in {@code dir/data}, a data directory made by starting a server. */
  public TrailFixture(Path dir) throws Exception {
    this(sqlite(dir), null, accountOfNewServer(dir.resolve("data")));
  }

  private TrailFixture(String url, String user, String accountId) {
    this.url = url;
    this.user = user;
    this.accountId = accountId;
    this.jdbc = JdbcStore.open(url, user, user == null ? null : "");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.cipher = new SecretCipher(key);
    AuditSigningKeys.Opened signing = AuditSigningKeys.ensure(store(), cipher, accountId, T0);
    this.digester = new Digester(accountId, TrailLayout.REGION, signing.privateKey(),
        signing.fingerprint(), INTERVAL);
  }

  /** A trail on a new database of the shared PostgreSQL test cluster. */
  public static TrailFixture postgres() {
    return new TrailFixture(PostgresServer.shared().createDatabase(), PostgresServer.USER,
        "123456789012");
  }

  private static String sqlite(Path dir) {
    return "jdbc:sqlite:" + dir.resolve("data").resolve("portcullis.db");
  }

  private static String accountOfNewServer(Path data) throws Exception {
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data, 0))) {
      return server.accountId();
    }
  }

  /** The store: the real JdbcStore (a new one after each {@link #sql} on SQLite). */
  public Store store() {
    return jdbc;
  }

  private boolean onSqlite() {
    return url.startsWith("jdbc:sqlite:");
  }

  /**
   * Runs statements on the database in one connection as an attacker would, beside the store
   * (on SQLite with the store closed meanwhile: it holds the file's write lock).
   */
  void sql(String... statements) throws Exception {
    withConnection(c -> {
      try (Statement st = c.createStatement()) {
        for (String s : statements) {
          st.execute(s);
        }
      }
    });
  }

  /** An attacker's edit of the stored events (see {@link SegmentTamper}). */
  void edit(java.util.function.Consumer<List<SegmentTamper.Row>> edit) throws Exception {
    withConnection(c -> SegmentTamper.edit(c, edit));
  }

  private interface Work {
    void run(Connection c) throws Exception;
  }

  private void withConnection(Work work) throws Exception {
    if (onSqlite()) {
      jdbc.close();
    }
    try (Connection c = DriverManager.getConnection(url, user, user == null ? null : "")) {
      work.run(c);
    } finally {
      if (onSqlite()) {
        jdbc = JdbcStore.open(url, null, null);
      }
    }
  }

  /** The stored event at {@code seq}. */
  StoredAuditEvent at(long seq) {
    return store().read(tx -> tx.audit().range(seq, 1)).stream().filter(e -> e.seq() == seq)
        .findFirst().orElseThrow();
  }

  /** Appends {@code n} events at {@code time}, in one transaction; returns their ids. */
  public List<String> append(int n, Instant time) {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(event(UUID.randomUUID().toString(), time, "CreateUser", "user-" + i));
    }
    store().writeUsage(tx -> tx.audit().append(events));
    return events.stream().map(AuditEvent::eventId).toList();
  }

  /** An event of the admin user of account 123456789012, its lookup values from its record. */
  static AuditEvent event(String id, Instant time, String name, String user) {
    String record = "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"IAMUser\","
        + "\"arn\":\"arn:aws:iam::123456789012:user/admin\",\"accountId\":\"123456789012\","
        + "\"accessKeyId\":\"AKIAEXAMPLEEXAMPLE01\",\"userName\":\"admin\"},\"eventTime\":\""
        + TrailLayout.time(time) + "\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\""
        + name + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"127.0.0.1\","
        + "\"requestParameters\":{\"userName\":\"" + user + "\"},\"eventID\":\"" + id
        + "\",\"readOnly\":false,\"recipientAccountId\":\"123456789012\"}";
    return RecordLookupValues.fromRecord(record);
  }

  /** Makes the digest due at {@code now}. */
  void digest(Instant now) {
    store().writeUsage(tx -> digester.makeDue(tx.audit(), tx.auditDigests(), now));
  }

  /**
   * A trail of four periods: 3 events, 1500 events (two log files), none (an empty period),
   * 4 events; then 2 events no digest covers yet.
   */
  public void standardTrail() {
    append(3, T0.plusSeconds(10));
    digest(T0.plus(INTERVAL));
    append(1500, T0.plus(INTERVAL).plusSeconds(5));
    digest(T0.plus(INTERVAL.multipliedBy(2)));
    digest(T0.plus(INTERVAL.multipliedBy(3)));
    append(4, T0.plus(INTERVAL.multipliedBy(3)).plusSeconds(1));
    digest(T0.plus(INTERVAL.multipliedBy(4)));
    append(2, T0.plus(INTERVAL.multipliedBy(4)).plusSeconds(1));
  }

  /** Closes the store (the offline commands then open the database themselves). */
  @Override
  public void close() {
    jdbc.close();
  }
}
