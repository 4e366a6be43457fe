package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.server.testing.NodeCluster;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes starting at the same moment on one empty PostgreSQL database: one key, one admin. */
class BootstrapRaceTest {
  private static final int NODES = 4;
  @TempDir
  Path dir;

  /** What one racing node ended up with. */
  private record Started(SecretCipher cipher, Bootstrap.Outcome outcome) {}

  @Test
  void ensure_whenNodesStartTogetherOnAnEmptyDatabase_exactlyOneBootstrapsWithOneDataKey()
      throws Exception {
    PostgresServer pg = PostgresServer.shared();
    Path keyFile = dir.resolve("master.key");
    Files.writeString(keyFile, NodeCluster.randomMasterKey());
    MasterKey master = MasterKey.fromFile(keyFile);
    for (int round = 0; round < 5; round++) {
      String url = pg.createDatabase();
      List<JdbcStore> stores = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        stores.add(JdbcStore.open(url, PostgresServer.USER, ""));
      }
      CyclicBarrier together = new CyclicBarrier(NODES);
      ExecutorService nodes = Executors.newFixedThreadPool(NODES);
      try {
        List<Future<Started>> started = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
          JdbcStore store = stores.get(i);
          DataDirectory data = new DataDirectory(dir.resolve("r" + round + "n" + i));
          data.create();
          started.add(nodes.submit(() -> {
            together.await();
            SecretCipher cipher = KeyHierarchy.open(store, master, Clock.systemUTC());
            IamContext ctx = new IamContext(store, Clock.systemUTC(), new Ids(), cipher,
                new PasswordHasher());
            return new Started(cipher, Bootstrap.ensure(ctx, data, null, RootConfig.DEFAULT));
          }));
        }
        List<Started> all = new ArrayList<>();
        for (Future<Started> f : started) {
          all.add(f.get());
        }
        assertThat(all.stream().filter(s -> s.outcome().created())).hasSize(1);
        // One root user, and one generated password file: the winner's, none from the losers.
        assertThat(all.stream().filter(s -> s.outcome().root() != null)).hasSize(1);
        int r = round;
        assertThat(java.util.stream.IntStream.range(0, NODES).filter(i -> Files.exists(
            new DataDirectory(dir.resolve("r" + r + "n" + i)).rootPasswordFile()))).hasSize(1);
        assertThat(all.stream().map(s -> s.outcome().account().accountId()).distinct())
            .hasSize(1);
        String sealed = all.get(0).cipher().encrypt("secret", "AKIA1");
        assertThat(all).allSatisfy(s ->
            assertThat(s.cipher().decrypt(sealed, "AKIA1")).isEqualTo("secret"));
        try (Connection c = pg.connect(url); Statement st = c.createStatement()) {
          for (String table : List.of("accounts", "users", "access_keys", "data_keys",
              "bootstrap")) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
              rs.next();
              assertThat(rs.getLong(1)).as(table).isEqualTo(1);
            }
          }
        }
      } finally {
        nodes.shutdownNow();
        stores.forEach(JdbcStore::close);
      }
    }
  }
}
