package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqliteAuditStoreTest extends AuditStoreContractTest {
  private Path file;

  @Override
  Store openStore() {
    try {
      file = Files.createTempDirectory("portcullis-audit").resolve("test.db");
      return JdbcStore.open("jdbc:sqlite:" + file, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void lookup_byEachAttributeAndTime_walksAnIndexNotTheTable() throws Exception {
    store.close(); // SQLite's plan, read on a connection of our own
    List<Optional<AuditEventQuery.Attribute>> attributes = new ArrayList<>();
    attributes.add(Optional.empty());
    for (AuditEventQuery.Key key : AuditEventQuery.Key.values()) {
      attributes.add(Optional.of(new AuditEventQuery.Attribute(key, "true")));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      for (Optional<AuditEventQuery.Attribute> a : attributes) {
        for (Instant start : new Instant[] {null, T0}) {
          String plan = plan(c, AuditSegmentLookup.segmentSql(new AuditEventQuery(ACCOUNT, a,
              start, start, 0, 50), Long.MAX_VALUE));
          // "SCAN s" or "SCAN t" without an index would read the whole table.
          assertThat(plan).as(a + " " + start + ":\n" + plan)
              .doesNotContainPattern("SCAN [st]\\s*(\\n|$)");
          assertThat(plan).as(a + " " + start).doesNotContain("USE TEMP B-TREE");
        }
      }
    }
    store = openStore();
  }

  @Test
  void lookup_byASelectiveAttribute_readsOnlyTheSegmentsHoldingTheValue() throws Exception {
    // 20 batches of 100 events; one user appears in batch 7 only.
    for (int batch = 0; batch < 20; batch++) {
      List<dev.portcullis.iam.domain.AuditEvent> events = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        events.add(event("GetUser", T0.plusSeconds(batch * 100L + i)));
      }
      if (batch == 7) {
        dev.portcullis.iam.domain.AuditEvent e = events.get(50);
        events.set(50, new dev.portcullis.iam.domain.AuditEvent(e.eventId(), e.eventTime(),
            e.accountId(), e.eventSource(), e.eventName(), "rare", e.principalArn(),
            e.accessKeyId(), e.readOnly(), e.errorCode(), e.sourceIp(), e.resources(),
            e.record()));
      }
      store.writeUsage(tx -> tx.audit().append(events));
    }
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      AuditSegmentLookup.SegmentSql q = AuditSegmentLookup.segmentSql(new AuditEventQuery(
          ACCOUNT, Optional.of(new AuditEventQuery.Attribute(AuditEventQuery.Key.Username,
          "rare")), null, null, 0, 50), Long.MAX_VALUE);
      int segments = 0;
      try (PreparedStatement ps = c.prepareStatement(q.sql())) {
        bind(ps, q.args());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            segments++;
          }
        }
      }
      assertThat(segments).isEqualTo(1);
      assertThat(plan(c, q)).contains("SEARCH t USING");
    }
    store = JdbcStore.open("jdbc:sqlite:" + file, null, null);
    assertThat(lookup(new AuditEventQuery.Attribute(AuditEventQuery.Key.Username, "rare"), null,
        null, 0, 50)).extracting(StoredAuditEvent::seq).containsExactly(751L);
  }

  @Test
  void lookup_whenTimeBoundedOnATrailOfSmallBatches_readsOnlyTheSegmentsNearTheRange() {
    // At a low rate every batch holds one event: 3,000 segments, 10 s apart.
    List<Instant> times = new ArrayList<>();
    store.writeUsage(tx -> {
      for (int i = 0; i < 3_000; i++) {
        Instant at = T0.plusSeconds(10L * i);
        times.add(at);
        tx.audit().append(List.of(event("GetUser", at)));
      }
      return null;
    });
    Instant start = T0.plusSeconds(5_000); // one old minute
    Instant end = start.plusSeconds(60);

    AuditSegmentLookup.Window window = store.read(tx -> new AuditSegmentLookup(
        ((JdbcAuditEvents) tx.audit()).sql(), (JdbcAuditEvents) tx.audit()).window(
        new AuditEventQuery(ACCOUNT, Optional.empty(), start, end, 0, 50),
        ((JdbcAuditEvents) tx.audit()).chain()));

    // The minute widened by the allowed disorder on each side: 6 + 2 x 12 segments, about.
    assertThat(window.to() - window.from() + 1).isBetween(6L, 40L);
    assertThat(lookup(null, start, end, 0, 100).stream().map(StoredAuditEvent::seq).toList())
        .isEqualTo(scan(times, start, end, 100));
    assertThat(lookup(null, T0.minusSeconds(3_600), T0.minusSeconds(60), 0, 100)).isEmpty();
  }

  @Test
  void open_whenTheTrailIsInTheTablesOfBeforeV094_movesItIntoSegmentsKeepingSeqAndHashes()
      throws Exception {
    store.close();
    List<dev.portcullis.iam.domain.AuditEvent> events = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement st = c.createStatement()) {
      // The tables as the last release made them (V092), holding a chain of 2,500 events.
      for (String stmt : Migrations.statements(Migrations.load(92))) {
        if (!stmt.contains("audit_chain")) {
          st.execute(stmt);
        }
      }
      String previous = dev.portcullis.iam.audit.AuditChain.GENESIS;
      try (PreparedStatement row = c.prepareStatement("INSERT INTO audit_events VALUES "
          + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement resource = c.prepareStatement(
              "INSERT INTO audit_event_resources VALUES (?, ?, ?)")) {
        for (int i = 1; i <= 2_500; i++) {
          dev.portcullis.iam.domain.AuditEvent e = event(i % 7 == 0 ? "GetUser" : "CreateUser",
              T0.plusSeconds(i));
          if (i % 10 == 0) {
            e = new dev.portcullis.iam.domain.AuditEvent(e.eventId(), e.eventTime(),
                e.accountId(), e.eventSource(), e.eventName(), null, null, null, e.readOnly(),
                "AccessDenied", null, List.of(), e.record());
          }
          String hash = dev.portcullis.iam.audit.AuditChain.hash(previous, e.record());
          Object[] values = {i, e.eventId(), e.eventTime().toEpochMilli(), e.accountId(),
              e.eventSource(), e.eventName(), e.username(), e.principalArn(), e.accessKeyId(),
              e.readOnly(), e.errorCode(), e.sourceIp(), e.record(), previous, hash};
          for (int v = 0; v < values.length; v++) {
            row.setObject(v + 1, values[v]);
          }
          row.executeUpdate();
          for (dev.portcullis.iam.domain.AuditEvent.Resource r : e.resources()) {
            resource.setLong(1, i);
            resource.setString(2, r.type());
            resource.setString(3, r.name());
            resource.executeUpdate();
          }
          events.add(e);
          hashes.add(hash);
          previous = hash;
        }
      }
      st.execute("UPDATE audit_chain SET head_seq = 2500, head_hash = '" + previous + "'");
    }

    store = JdbcStore.open("jdbc:sqlite:" + file, null, null);

    List<StoredAuditEvent> chain = all();
    assertThat(chain).extracting(StoredAuditEvent::event).isEqualTo(events);
    assertThat(chain).extracting(StoredAuditEvent::hash).isEqualTo(hashes);
    assertThat(chain.get(2_499).seq()).isEqualTo(2_500);
    assertUnbroken(chain, new StoredAuditEvent.Anchor(0,
        dev.portcullis.iam.audit.AuditChain.GENESIS));
    assertThat(lookup(new AuditEventQuery.Attribute(AuditEventQuery.Key.EventName, "GetUser"),
        null, null, 0, 1_000)).hasSize(357);
    append(event("DeleteUser", T0.plusSeconds(3_000)));
    assertThat(all()).hasSize(2_501);
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE name IN "
            + "('audit_events', 'audit_event_resources')")) {
      assertThat(rs.next()).as("the old tables are dropped").isFalse();
    }
    store = JdbcStore.open("jdbc:sqlite:" + file, null, null);
  }

  @Test
  void openForReading_whenTheDatabaseIsFromBeforeV094_refusesNamingTheUpgrade() throws Exception {
    store.close();
    Path old = file.resolveSibling("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        java.sql.Statement st = c.createStatement()) {
      // The schema as the release before V094 left it, no server having opened it since.
      st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
          + "applied_at BIGINT NOT NULL)");
      for (int v : Migrations.versions()) {
        if (v < 94) {
          for (String stmt : Migrations.statements(Migrations.load(v))) {
            st.execute(Migrations.dialect(stmt, false));
          }
          st.execute("INSERT INTO schema_version VALUES (" + v + ", 0)");
        }
      }
    }

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcStore.openForReading(
        "jdbc:sqlite:" + old, null, null)).isInstanceOf(JdbcStore.OutdatedSchema.class)
        .hasMessage("this database's audit trail is in the format before V094: start the "
            + "server on it once (portcullis serve with the same --data-dir or --database-url) "
            + "to upgrade it, then run this command again");
    try (JdbcStore upgraded = JdbcStore.open("jdbc:sqlite:" + old, null, null)) {
      // opening it for serving upgrades it
    }
    try (JdbcStore reading = JdbcStore.openForReading("jdbc:sqlite:" + old, null, null)) {
      List<StoredAuditEvent> events = reading.read(tx -> tx.audit().range(0, 10));
      assertThat(events).isEmpty();
    }
    store = JdbcStore.open("jdbc:sqlite:" + file, null, null);
  }

  private static String plan(Connection c, AuditSegmentLookup.SegmentSql q) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + q.sql())) {
      bind(ps, q.args());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString("detail")).append('\n');
        }
      }
    }
    return plan.toString();
  }

  private static void bind(PreparedStatement ps, Object[] args) throws Exception {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }
}
