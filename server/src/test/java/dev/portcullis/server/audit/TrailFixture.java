package dev.portcullis.server.audit;

import dev.portcullis.iam.audit.integrity.AuditSigningKeys;
import dev.portcullis.iam.audit.integrity.Digester;
import dev.portcullis.iam.audit.integrity.TrailLayout;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.store.JdbcStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A trail to tamper with: a real SQLite store (account, signing keys, digests) whose audit
 * events live in an {@link InMemoryAuditStore} until the JDBC audit store lands; after the
 * merge, {@link #store()} can be the JdbcStore itself and the tampering SQL on audit_event.
 */
public final class TrailFixture implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMinutes(5);
  static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");
  private final Path database;
  JdbcStore jdbc;
  final InMemoryAuditStore events = new InMemoryAuditStore();
  public final String accountId;
  public final SecretCipher cipher;
  private final Digester digester;

  public TrailFixture(Path dir) throws Exception {
    Path data = dir.resolve("data");
    String account;
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data, 0))) {
      account = server.accountId();
    }
    this.accountId = account;
    this.database = data.resolve("portcullis.db");
    this.jdbc = JdbcStore.open("jdbc:sqlite:" + database, null, null);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.cipher = new SecretCipher(key);
    AuditSigningKeys.Opened signing = AuditSigningKeys.ensure(store(), cipher, accountId, T0);
    this.digester = new Digester(accountId, TrailLayout.REGION, signing.privateKey(),
        signing.fingerprint(), INTERVAL);
  }

  /** The store with the in-memory audit events in place of {@code tx.audit()}. */
  public Store store() {
    return withEvents(jdbc, events);
  }

  /** Runs SQL on the database as an attacker would, with the store closed meanwhile. */
  void sql(String statement) throws Exception {
    jdbc.close();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
        + database); java.sql.Statement st = c.createStatement()) {
      st.execute(statement);
    } finally {
      jdbc = JdbcStore.open("jdbc:sqlite:" + database, null, null);
    }
  }

  static Store withEvents(JdbcStore jdbc, InMemoryAuditStore events) {
    return new Store() {
      @Override
      public <T> T write(Function<StoreTx, T> work) {
        return jdbc.write(tx -> work.apply(tx(tx)));
      }

      @Override
      public <T> T writeUsage(Function<StoreTx, T> work) {
        return jdbc.writeUsage(tx -> work.apply(tx(tx)));
      }

      @Override
      public <T> T read(Function<StoreTx, T> work) {
        return jdbc.read(tx -> work.apply(tx(tx)));
      }

      @Override
      public long generation() {
        return jdbc.generation();
      }

      @Override
      public void close() {}

      private StoreTx tx(StoreTx real) {
        return (StoreTx) Proxy.newProxyInstance(StoreTx.class.getClassLoader(),
            new Class<?>[] {StoreTx.class}, (proxy, method, args) -> {
              if (method.getName().equals("audit")) {
                return events;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }
    };
  }

  /** Appends {@code n} events at {@code time}; returns their ids. */
  public List<String> append(int n, Instant time) {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      events.append(List.of(event(id, time, "CreateUser", "user-" + i)));
    }
    return ids;
  }

  static AuditEvent event(String id, Instant time, String name, String user) {
    String record = "{\"eventVersion\":\"1.11\",\"eventTime\":\"" + TrailLayout.time(time)
        + "\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"" + name
        + "\",\"awsRegion\":\"us-east-1\",\"requestParameters\":{\"userName\":\"" + user
        + "\"},\"eventID\":\"" + id + "\",\"readOnly\":false}";
    return new AuditEvent(id, time, "123456789012", "iam.amazonaws.com", name, "admin", null,
        null, false, null, "127.0.0.1", List.of(), record);
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

  @Override
  public void close() {
    jdbc.close();
  }
}
