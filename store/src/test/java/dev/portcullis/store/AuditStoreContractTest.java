package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.AuditEventQuery.Attribute;
import dev.portcullis.iam.domain.AuditEventQuery.Key;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store must do with the audit trail, whatever the database. */
abstract class AuditStoreContractTest {
  static final String ACCOUNT = "123456789012";
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  Store store;

  abstract Store openStore();

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static AuditEvent event(String name, Instant at) {
    return new AuditEvent(UUID.randomUUID().toString(), at, ACCOUNT, "iam.amazonaws.com", name,
        "alice", "arn:aws:iam::" + ACCOUNT + ":user/alice", "AKIAEXAMPLEEXAMPLE01",
        name.startsWith("Get"), null, "127.0.0.1",
        List.of(new AuditEvent.Resource("AWS::IAM::User", "bob")),
        "{\"eventName\":\"" + name + "\"}");
  }

  List<StoredAuditEvent> append(AuditEvent... events) {
    return store.writeUsage(tx -> tx.audit().append(List.of(events)));
  }

  List<StoredAuditEvent> all() {
    return store.read(tx -> tx.audit().range(0, 100_000));
  }

  static void assertUnbroken(List<StoredAuditEvent> chain, StoredAuditEvent.Anchor anchor) {
    String previous = anchor.hash();
    long seq = anchor.seq();
    for (StoredAuditEvent e : chain) {
      assertThat(e.seq()).isEqualTo(++seq);
      assertThat(e.previousHash()).isEqualTo(previous);
      assertThat(e.hash()).isEqualTo(AuditChain.hash(previous, e.event().record()));
      previous = e.hash();
    }
  }

  List<StoredAuditEvent> lookup(Attribute attribute, Instant start, Instant end, long before,
      int limit) {
    return store.read(tx -> tx.audit().lookup(new AuditEventQuery(ACCOUNT,
        Optional.ofNullable(attribute), start, end, before, limit)));
  }

  List<String> names(List<StoredAuditEvent> events) {
    return events.stream().map(e -> e.event().eventName()).toList();
  }

  @Test
  void append_whenTwoBatches_linksEachEventToItsPredecessorWithoutGaps() {
    append(event("CreateUser", T0), event("GetUser", T0.plusSeconds(1)));
    List<StoredAuditEvent> second = append(event("DeleteUser", T0.plusSeconds(2)));

    List<StoredAuditEvent> chain = all();
    assertThat(chain).hasSize(3);
    assertThat(chain.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
    assertUnbroken(chain, new StoredAuditEvent.Anchor(0, AuditChain.GENESIS));
    assertThat(second.get(0).seq()).isEqualTo(3);
    assertThat(store.read(tx -> tx.audit().head()).orElseThrow().hash())
        .isEqualTo(chain.get(2).hash());
  }

  @Test
  void append_whenRead_roundTripsEveryField() {
    AuditEvent e = event("CreateUser", T0);
    append(e);
    AuditEvent back = all().get(0).event();
    assertThat(back).isEqualTo(e);
  }

  @Test
  void head_whenEmpty_isAbsentAndAnchorIsGenesis() {
    Optional<StoredAuditEvent> head = store.read(tx -> tx.audit().head());
    StoredAuditEvent.Anchor anchor = store.read(tx -> tx.audit().anchor());
    assertThat(head).isEmpty();
    assertThat(anchor).isEqualTo(new StoredAuditEvent.Anchor(0, AuditChain.GENESIS));
  }

  @Test
  void append_fromTwoThreads_keepsOneUnbrokenChain() throws Exception {
    appendConcurrently(store, store);
  }

  void appendConcurrently(Store first, Store second) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Store s : List.of(first, second)) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 40; i++) {
            AuditEvent a = event("GetUser", T0.plusSeconds(i));
            AuditEvent b = event("ListUsers", T0.plusSeconds(i));
            s.writeUsage(tx -> tx.audit().append(List.of(a, b)));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<StoredAuditEvent> chain = all();
    assertThat(chain).hasSize(160);
    assertUnbroken(chain, new StoredAuditEvent.Anchor(0, AuditChain.GENESIS));
  }

  @Test
  void lookup_byEachAttribute_findsOnlyMatchingEventsNewestFirst() {
    AuditEvent create = event("CreateUser", T0);
    AuditEvent get = new AuditEvent(UUID.randomUUID().toString(), T0.plusSeconds(1), ACCOUNT,
        "sts.amazonaws.com", "GetCallerIdentity", "carol", "arn:aws:iam::" + ACCOUNT
        + ":user/carol", "AKIAEXAMPLEEXAMPLE02", true, null, "10.0.0.1",
        List.of(new AuditEvent.Resource("AWS::IAM::Role", "ops")), "{}");
    AuditEvent other = new AuditEvent(UUID.randomUUID().toString(), T0.plusSeconds(2),
        "999999999999", "iam.amazonaws.com", "CreateUser", "alice", null, null, false, null,
        null, List.of(), "{}");
    append(create, get, other);

    assertThat(names(lookup(null, null, null, 0, 50)))
        .containsExactly("GetCallerIdentity", "CreateUser");
    assertThat(names(lookup(new Attribute(Key.EventId, create.eventId()), null, null, 0, 50)))
        .containsExactly("CreateUser");
    assertThat(names(lookup(new Attribute(Key.EventName, "CreateUser"), null, null, 0, 50)))
        .containsExactly("CreateUser");
    assertThat(names(lookup(new Attribute(Key.ReadOnly, "true"), null, null, 0, 50)))
        .containsExactly("GetCallerIdentity");
    assertThat(names(lookup(new Attribute(Key.ReadOnly, "false"), null, null, 0, 50)))
        .containsExactly("CreateUser");
    assertThat(names(lookup(new Attribute(Key.Username, "carol"), null, null, 0, 50)))
        .containsExactly("GetCallerIdentity");
    assertThat(names(lookup(new Attribute(Key.ResourceType, "AWS::IAM::User"), null, null, 0,
        50))).containsExactly("CreateUser");
    assertThat(names(lookup(new Attribute(Key.ResourceName, "ops"), null, null, 0, 50)))
        .containsExactly("GetCallerIdentity");
    assertThat(names(lookup(new Attribute(Key.EventSource, "sts.amazonaws.com"), null, null, 0,
        50))).containsExactly("GetCallerIdentity");
    assertThat(names(lookup(new Attribute(Key.AccessKeyId, "AKIAEXAMPLEEXAMPLE01"), null, null,
        0, 50))).containsExactly("CreateUser");
    StoredAuditEvent found = lookup(new Attribute(Key.ResourceName, "bob"), null, null, 0, 50)
        .get(0);
    assertThat(found.event().resources())
        .containsExactly(new AuditEvent.Resource("AWS::IAM::User", "bob"));
  }

  @Test
  void lookup_withTimeRangeAndPages_returnsEachEventOnce() {
    for (int i = 0; i < 10; i++) {
      append(event("GetUser" + i, T0.plusSeconds(i)));
    }
    assertThat(names(lookup(null, T0.plusSeconds(3), T0.plusSeconds(5), 0, 50)))
        .containsExactly("GetUser5", "GetUser4", "GetUser3");
    assertThat(lookup(null, T0.plusSeconds(100), null, 0, 50)).isEmpty();
    assertThat(lookup(null, null, T0.minusSeconds(1), 0, 50)).isEmpty();

    List<String> seen = new ArrayList<>();
    long before = 0;
    while (true) {
      List<StoredAuditEvent> page = lookup(new Attribute(Key.Username, "alice"), null, null,
          before, 3);
      seen.addAll(names(page));
      if (page.size() < 3) {
        break;
      }
      before = page.get(page.size() - 1).seq();
    }
    assertThat(seen).containsExactly("GetUser9", "GetUser8", "GetUser7", "GetUser6",
        "GetUser5", "GetUser4", "GetUser3", "GetUser2", "GetUser1", "GetUser0");
  }

  @Test
  void deleteBefore_removesOldestPrefixAndMovesTheAnchor() {
    for (int i = 0; i < 5; i++) {
      append(event("GetUser" + i, T0.plusSeconds(i)));
    }
    // Appended late with an old time: it stays, and so does everything after it.
    append(event("Late", T0.minusSeconds(60)));
    List<StoredAuditEvent> before = all();

    int removed = store.writeUsage(tx -> tx.audit().deleteBefore(T0.plusSeconds(2)));

    assertThat(removed).isEqualTo(2);
    List<StoredAuditEvent> after = all();
    assertThat(names(after)).containsExactly("GetUser2", "GetUser3", "GetUser4", "Late");
    StoredAuditEvent.Anchor anchor = store.read(tx -> tx.audit().anchor());
    assertThat(anchor).isEqualTo(new StoredAuditEvent.Anchor(2, before.get(1).hash()));
    assertUnbroken(after, anchor);
    assertThat(lookup(new Attribute(Key.ResourceName, "bob"), null, null, 0, 50)).hasSize(4);

    append(event("After", T0.plusSeconds(10)));
    assertUnbroken(all(), anchor);
    int none = store.writeUsage(tx -> tx.audit().deleteBefore(T0));
    assertThat(none).isZero();
  }

  @Test
  void stage_whenCommitted_isFoundByLookupAndChainedFirstByTheNextAppend() {
    append(event("GetUser", T0));
    AuditEvent first = event("CreateUser", T0.plusSeconds(1));
    AuditEvent second = event("DeleteUser", T0.plusSeconds(2));
    store.write(tx -> {
      tx.audit().stage(first);
      tx.audit().stage(second);
      return null;
    });

    // Not chained yet, but committed with the change: found, numbered as they will be.
    assertThat(store.read(tx -> tx.audit().staged()).longValue()).isEqualTo(2);
    assertThat(all()).hasSize(1);
    List<StoredAuditEvent> found = lookup(null, null, null, 0, 50);
    assertThat(names(found)).containsExactly("DeleteUser", "CreateUser", "GetUser");
    assertThat(found).extracting(StoredAuditEvent::seq).containsExactly(3L, 2L, 1L);
    assertThat(names(lookup(new Attribute(Key.EventName, "CreateUser"), null, null, 0, 50)))
        .containsExactly("CreateUser");
    assertThat(lookup(null, null, null, 3, 50)).extracting(StoredAuditEvent::seq)
        .containsExactly(2L, 1L);

    List<StoredAuditEvent> appended = append(event("ListUsers", T0.plusSeconds(3)));

    assertThat(names(appended)).containsExactly("CreateUser", "DeleteUser", "ListUsers");
    assertThat(store.read(tx -> tx.audit().staged()).longValue()).isZero();
    List<StoredAuditEvent> chain = all();
    assertUnbroken(chain, new StoredAuditEvent.Anchor(0, AuditChain.GENESIS));
    assertThat(chain.subList(1, 3)).isEqualTo(List.of(found.get(1), found.get(0)));
  }

  @Test
  void append_whenABatchOfStagedRowsNoLongerDecodes_chainsTheRestAndLeavesThemForVerify() {
    // A full batch of damaged rows first: a writer taking the oldest 10,000 rows and skipping
    // the damaged ones would chain nothing, every batch, for ever.
    int damaged = JdbcAuditEvents.MAX_PENDING_PER_BATCH;
    store.write(tx -> {
      for (int i = 0; i < damaged; i++) {
        tx.audit().stage(event("CreateUser", T0));
      }
      tx.audit().stage(event("DeleteUser", T0.plusSeconds(1)));
      Sql sql = ((JdbcAuditEvents) tx.audit()).sql();
      long last = sql.count("SELECT MAX(id) FROM audit_pending");
      sql.update("UPDATE audit_pending SET event = ? WHERE id < ?", new byte[] {9, 9, 9}, last);
      return null;
    });

    List<StoredAuditEvent> sealed = append(event("ListUsers", T0.plusSeconds(2)));

    assertThat(names(sealed)).containsExactly("DeleteUser", "ListUsers");
    List<Long> unreadable = store.read(tx -> tx.audit().unreadableStaged());
    assertThat(unreadable).hasSize(damaged);
    assertThat(store.read(tx -> tx.audit().staged()).longValue()).isEqualTo(damaged);
    assertThat(append()).isEmpty();
    assertThat(names(lookup(null, null, null, 0, 50))).containsExactly("ListUsers",
        "DeleteUser");
  }

  @Test
  void append_whenABatchPassesTheSegmentBound_writesSeveralSegmentsInItsTransaction() {
    List<AuditEvent> many = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      many.add(event("GetUser", T0.plusMillis(i)));
    }
    String big = "{\"eventName\":\"CreateUser\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
    for (int i = 0; i < 9; i++) {
      AuditEvent e = event("CreateUser", T0.plusSeconds(10));
      many.add(new AuditEvent(e.eventId(), e.eventTime(), e.accountId(), e.eventSource(),
          e.eventName(), e.username(), e.principalArn(), e.accessKeyId(), e.readOnly(), null,
          e.sourceIp(), e.resources(), big));
    }

    store.writeUsage(tx -> tx.audit().append(many));

    List<long[]> segments = store.read(tx -> ((JdbcAuditEvents) tx.audit()).sql().list(
        "SELECT first_seq, last_seq, LENGTH(events) FROM audit_segments ORDER BY first_seq",
        rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}));
    assertThat(segments).extracting(r -> r[1] - r[0] + 1)
        .containsExactly(1_000L, 1_000L, 504L, 4L, 1L);
    assertThat(segments).allSatisfy(r -> assertThat(r[2])
        .isLessThan(JdbcAuditEvents.MAX_SEGMENT_BYTES + (2 << 20)));
    List<StoredAuditEvent> chain = all();
    assertThat(chain).hasSize(2_509);
    assertUnbroken(chain, new StoredAuditEvent.Anchor(0, AuditChain.GENESIS));
    assertThat(lookup(new Attribute(Key.EventName, "CreateUser"), null, null, 0, 50))
        .hasSize(9);
    List<Object> mismatches = new ArrayList<>();
    store.read(tx -> {
      tx.audit().checkLookupIndex(mismatches::add);
      return null;
    });
    assertThat(mismatches).isEmpty();
  }

  @Test
  void append_whenNothingQueued_chainsWhatIsStaged() {
    store.write(tx -> {
      tx.audit().stage(event("CreateUser", T0));
      return null;
    });

    List<StoredAuditEvent> sealed = append();

    assertThat(names(sealed)).containsExactly("CreateUser");
    assertThat(names(all())).containsExactly("CreateUser");
    assertThat(append()).isEmpty();
  }

  @Test
  void deleteBefore_whenABatchHoldsOneNewerEvent_keepsTheWholeBatch() {
    append(event("GetUser0", T0), event("GetUser1", T0.plusSeconds(1)));
    append(event("GetUser2", T0.plusSeconds(2)), event("GetUser3", T0.plusSeconds(10)));

    int removed = store.writeUsage(tx -> tx.audit().deleteBefore(T0.plusSeconds(5)));

    // Retention removes whole appended batches (at most one flush interval of events each).
    assertThat(removed).isEqualTo(2);
    assertThat(names(all())).containsExactly("GetUser2", "GetUser3");
  }

  /**
   * Appends {@code n} events 50 ms apart from T0 in batches of 1,000, some (3 %) late: their
   * eventTime up to 90 s earlier than their place, as a slow call appended after quicker ones.
   * Returns their times by seq (index 0 is seq 1).
   */
  List<Instant> appendOutOfOrderTrail(int n, java.util.Random random) {
    List<Instant> times = new ArrayList<>(n);
    for (int i = 0; i < n; i += 1000) {
      List<AuditEvent> batch = new ArrayList<>(1000);
      for (int j = i; j < Math.min(n, i + 1000); j++) {
        Instant at = T0.plusMillis(50L * j);
        if (random.nextInt(100) < 3) {
          at = at.minusMillis(random.nextInt(90_000));
        }
        times.add(at);
        batch.add(event("GetUser", at));
      }
      store.writeUsage(tx -> tx.audit().append(batch));
    }
    return times;
  }

  /** What a lookup of [start, end] must return: every event in it, by a scan, newest first. */
  static List<Long> scan(List<Instant> times, Instant start, Instant end, int limit) {
    List<Long> out = new ArrayList<>();
    for (int i = times.size() - 1; i >= 0 && out.size() < limit; i--) {
      Instant t = times.get(i);
      if ((start == null || !t.isBefore(start)) && (end == null || !t.isAfter(end))) {
        out.add(i + 1L);
      }
    }
    return out;
  }

  @Test
  void lookup_whenTimeBoundedOnAnOutOfOrderTrail_findsWhatAFullScanFinds() {
    java.util.Random random = new java.util.Random(8);
    List<Instant> times = appendOutOfOrderTrail(20_000, random);
    long span = 50L * times.size();
    for (int round = 0; round < 60; round++) {
      Instant start = T0.plusMillis(random.nextLong(-5_000, span + 5_000));
      Instant end = start.plusMillis(random.nextLong(0, 120_000));
      if (round % 10 == 1) {
        start = null; // EndTime alone
      } else if (round % 10 == 2) {
        end = null; // StartTime alone: "the last few minutes"
        start = T0.plusMillis(span - random.nextLong(0, 300_000));
      } else if (round % 10 == 3 && round > 3) {
        // A bound right at a late event's time.
        int late = random.nextInt(times.size());
        start = times.get(late);
        end = start.plusMillis(random.nextLong(0, 60_000));
      }
      int limit = round % 2 == 0 ? 100_000 : 50;
      Instant s = start;
      Instant e = end;
      List<Long> found = lookup(null, s, e, 0, limit).stream().map(StoredAuditEvent::seq)
          .toList();
      assertThat(found).as("[%s, %s] limit %d", s, e, limit)
          .isEqualTo(scan(times, s, e, limit));
    }
  }
}
