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
          JdbcAuditEvents.LookupSql q = JdbcAuditEvents.lookupSql(new AuditEventQuery(ACCOUNT, a,
              start, start, 0, 50));
          StringBuilder plan = new StringBuilder();
          try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + q.sql())) {
            for (int i = 0; i < q.args().length; i++) {
              Object v = q.args()[i];
              ps.setObject(i + 1, v instanceof Instant t ? t.toEpochMilli() : v);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                plan.append(rs.getString("detail")).append('\n');
              }
            }
          }
          // "SCAN e" or "SCAN r" without an index would read the whole table.
          assertThat(plan.toString()).as(a + " " + start + ":\n" + plan)
              .doesNotContainPattern("SCAN [er]\\s*(\\n|$)");
          assertThat(plan.toString()).as(a + " " + start).doesNotContain("USE TEMP B-TREE");
        }
      }
    }
    store = openStore();
  }

  @Test
  void lookup_whenTimeBoundedOnALargeTrail_readsOnlyTheSeqWindowOfTheRange() throws Exception {
    java.util.Random random = new java.util.Random(9);
    List<Instant> times = appendOutOfOrderTrail(100_000, random);
    Instant start = T0.plusSeconds(4_000); // a 20 s range near the newest events
    Instant end = start.plusSeconds(20);
    JdbcAuditEvents.SeqWindow window = store.read(tx -> ((JdbcAuditEvents) tx.audit())
        .seqWindow(new AuditEventQuery(ACCOUNT, Optional.empty(), start, end, 0, 50)));

    // The rows the lookup may read are those appended within the range widened by the
    // allowed disorder (2 min each side at 20 events a second: under 5,000 of 100,000).
    long widened = times.stream().filter(t -> !t.isBefore(start.minus(
        JdbcAuditEvents.DISORDER.multipliedBy(2))) && !t.isAfter(end.plus(
        JdbcAuditEvents.DISORDER.multipliedBy(2)))).count();
    assertThat(window.to() - window.from() + 1).isLessThanOrEqualTo(widened);
    assertThat(window.to() - window.from() + 1).isLessThan(6_000);
    assertThat(lookup(null, start, end, 0, 100_000).stream().map(StoredAuditEvent::seq)
        .toList()).isEqualTo(scan(times, start, end, 100_000));

    // The SELECT reads that window along the primary key, not the table: one upper bound
    // on seq (the window's end or the paging position), since SQLite ranges its scan by one
    // upper bound only and would otherwise walk down from the newest event.
    JdbcAuditEvents.LookupSql q = JdbcAuditEvents.lookupSql(new AuditEventQuery(ACCOUNT,
        Optional.empty(), start, end, window.to() + 1000, 50), window);
    assertThat(q.sql()).containsOnlyOnce("e.seq <=").containsOnlyOnce("e.seq >=")
        .doesNotContain("e.seq < ");
    store.close();
    StringBuilder plan = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + q.sql())) {
      for (int i = 0; i < q.args().length; i++) {
        Object v = q.args()[i];
        ps.setObject(i + 1, v instanceof Instant t ? t.toEpochMilli() : v);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString("detail")).append('\n');
        }
      }
    }
    assertThat(plan.toString()).as(plan.toString()).contains("SEARCH e USING")
        .contains("(seq>? AND seq<?)").doesNotContainPattern("SCAN e\\s*(\\n|$)");
    store = openStore();
  }
}
