package dev.portcullis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.integrity.AuditSigningKeys;
import dev.portcullis.iam.audit.integrity.Digester;
import dev.portcullis.iam.audit.integrity.StoreVerifier;
import dev.portcullis.iam.audit.integrity.TrailLayout;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.store.AuditDigestStore.Digest;
import dev.portcullis.iam.store.Store;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.store.JdbcStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database, with the JDBC audit store, make exactly one signing key
 * and one digest per period (SQLite has one node: the store holds its file exclusively).
 */
class DigestRaceTest {
  private static final String ACCOUNT = "123456789012";
  private static final int PERIODS = 4;

  @Test
  void makeDue_whenTwoNodesSharePostgres_makesExactlyOneDigestPerPeriod() throws Exception {
    PostgresServer pg = PostgresServer.shared();
    String url = pg.createDatabase();
    race(() -> JdbcStore.open(url, PostgresServer.USER, ""));
  }

  private void race(Supplier<JdbcStore> open) throws Exception {
    byte[] dataKey = new byte[32];
    new SecureRandom().nextBytes(dataKey);
    SecretCipher cipher = new SecretCipher(dataKey);
    List<JdbcStore> jdbc = List.of(open.get(), open.get());
    List<Store> nodes = List.copyOf(jdbc);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<AuditSigningKeys.Opened>> keys = new ArrayList<>();
      for (Store node : nodes) {
        keys.add(threads.submit(() -> {
          together.await();
          return AuditSigningKeys.ensure(node, cipher, ACCOUNT, TrailFixture.T0);
        }));
      }
      List<Digester> digesters = new ArrayList<>();
      for (Future<AuditSigningKeys.Opened> k : keys) {
        digesters.add(new Digester(ACCOUNT, TrailLayout.REGION, k.get().privateKey(),
            k.get().fingerprint(), TrailFixture.INTERVAL));
      }
      assertThat(keys.get(0).get().fingerprint()).isEqualTo(keys.get(1).get().fingerprint());
      for (int p = 1; p <= PERIODS; p++) {
        Instant now = TrailFixture.T0.plus(TrailFixture.INTERVAL.multipliedBy(p)).plusMillis(7);
        // Each period's event goes in through one node; both digest it.
        AuditEvent event = TrailFixture.event("id-" + p, now.minusSeconds(1), "GetUser", "u");
        nodes.get(p % 2).writeUsage(tx -> tx.audit().append(List.of(event)));
        List<Future<Optional<Digest>>> made = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          Store node = nodes.get(i);
          Digester digester = digesters.get(i);
          made.add(threads.submit(() -> {
            together.await();
            return node.writeUsage(tx -> digester.makeDue(tx.audit(), tx.auditDigests(), now));
          }));
        }
        int stored = 0;
        for (Future<Optional<Digest>> m : made) {
          stored += m.get().isPresent() ? 1 : 0;
        }
        assertThat(stored).as("digests made for period " + p).isEqualTo(1);
      }
      List<Digest> all = nodes.get(0).read(tx -> tx.auditDigests().list(0, 100));
      assertThat(all).extracting(Digest::number).containsExactly(1L, 2L, 3L, 4L);
      assertThat(all).extracting(Digest::lastSeq).containsExactly(1L, 2L, 3L, 4L);
      assertThat(StoreVerifier.verify(nodes.get(1), Optional.empty()).exitCode()).isZero();
    } finally {
      threads.shutdownNow();
      jdbc.forEach(JdbcStore::close);
    }
  }
}
