package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.NodeCluster;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** Several real {@code serve} processes on one real PostgreSQL database. */
class MultiNodeTest {
  @TempDir
  Path dir;

  @Test
  void threeNodes_whenStartedTogetherOnAnEmptyDatabase_oneBootstrapsAndAllShareTheKeys()
      throws Exception {
    try (NodeCluster nodes = NodeCluster.start(dir, PostgresServer.shared(), 3)) {
      List<Path> withCredentials = new ArrayList<>();
      int saidNotBootstrapping = 0;
      for (int i = 0; i < 3; i++) {
        if (Files.exists(dir.resolve("node" + i).resolve("credentials"))) {
          withCredentials.add(dir.resolve("node" + i));
        }
        if (Files.readString(nodes.node(i).log()).contains("already exists; not bootstrapping")) {
          saidNotBootstrapping++;
        }
      }
      assertThat(withCredentials).hasSize(1);
      assertThat(saidNotBootstrapping).isEqualTo(2);
      try (Connection sql = nodes.sql()) {
        assertThat(count(sql, "SELECT count(*) FROM accounts")).isEqualTo(1);
        assertThat(count(sql, "SELECT count(*) FROM users WHERE name = 'admin'")).isEqualTo(1);
        assertThat(count(sql, "SELECT count(*) FROM access_keys")).isEqualTo(1);
        assertThat(count(sql, "SELECT count(*) FROM data_keys")).isEqualTo(1);
      }

      // A key made through one node signs requests that every other node verifies.
      AwsBasicCredentials admin = nodes.adminCredentials();
      AccessKey key;
      try (IamClient a = nodes.node(0).iam(admin)) {
        a.createUser(b -> b.userName("shared"));
        a.addUserToGroup(b -> b.userName("shared").groupName("Administrators"));
        key = a.createAccessKey(b -> b.userName("shared")).accessKey();
      }
      AwsBasicCredentials shared = AwsBasicCredentials.create(key.accessKeyId(),
          key.secretAccessKey());
      for (int i = 1; i < 3; i++) {
        try (IamClient other = nodes.node(i).iam(shared)) {
          assertThat(other.getUser().user().userName()).isEqualTo("shared");
        }
      }
    }
  }

  @Test
  void secondNode_whenGivenTheSameMasterKeyFile_servesKeysMadeOnTheFirst() throws Exception {
    Path keyFile = dir.resolve("master-key");
    Files.writeString(keyFile, NodeCluster.randomMasterKey() + "\n");
    PostgresServer pg = PostgresServer.shared();
    String url = pg.createDatabase();
    List<String> options = new ArrayList<>(pg.serveOptions(url));
    options.addAll(List.of("--master-key-file", keyFile.toString()));
    try (ServerProcess a = ServerProcess.start(dir.resolve("a"), dir.resolve("a.log"), Map.of(),
            options);
        ServerProcess b = ServerProcess.start(dir.resolve("b"), dir.resolve("b.log"), Map.of(),
            options)) {
      AccessKey key;
      try (IamClient iam = a.iam(a.adminCredentials())) {
        key = iam.createAccessKey(r -> r.userName("admin")).accessKey();
      }
      try (IamClient iam = b.iam(AwsBasicCredentials.create(key.accessKeyId(),
          key.secretAccessKey()))) {
        assertThat(iam.getUser().user().userName()).isEqualTo("admin");
      }
      assertThat(Files.readString(b.log())).contains("account " + accountOf(pg, url)
          + " already exists; not bootstrapping");
      assertThat(Files.exists(dir.resolve("b").resolve("credentials"))).isFalse();
    }
  }

  @Test
  void node_whenNotGivenTheDatabasesMasterKey_refusesToStartWithAClearMessage()
      throws Exception {
    try (NodeCluster nodes = NodeCluster.start(dir.resolve("cluster"), PostgresServer.shared(),
        1)) {
      List<String> options = PostgresServer.shared().serveOptions(nodes.jdbcUrl());
      // No key given: the node refuses without making a master.key of its own.
      int noKey = ServerProcess.runUntilExit(dir.resolve("x"), dir.resolve("x.log"), Map.of(),
          options, Duration.ofSeconds(60));
      int wrongKey = ServerProcess.runUntilExit(dir.resolve("y"), dir.resolve("y.log"),
          Map.of("PORTCULLIS_MASTER_KEY", NodeCluster.randomMasterKey()), options,
          Duration.ofSeconds(60));
      String noKeyLog = Files.readString(dir.resolve("x.log"));
      String wrongKeyLog = Files.readString(dir.resolve("y.log"));
      assertThat(noKeyLog).contains("a master key this node was not given (its data directory "
          + "has no master.key): give it the master key every node uses (--master-key-file or "
          + "PORTCULLIS_MASTER_KEY)");
      assertThat(dir.resolve("x").resolve("master.key")).doesNotExist();
      assertThat(wrongKeyLog).contains("does not open this database's data key (wrong "
          + "--master-key-file or PORTCULLIS_MASTER_KEY?)");
      for (String log : List.of(noKeyLog, wrongKeyLog)) {
        assertThat(log).doesNotContain("Exception").doesNotContain("\tat ")
            .doesNotContain(nodes.environment().get("PORTCULLIS_MASTER_KEY"));
      }
      assertThat(noKey).isEqualTo(1);
      assertThat(wrongKey).isEqualTo(1);
      assertThat(nodes.node(0).iam(nodes.adminCredentials()).getUser().user().userName())
          .isEqualTo("admin");
    }
  }

  private static long count(Connection sql, String query) throws SQLException {
    try (Statement st = sql.createStatement(); ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String accountOf(PostgresServer pg, String url) throws SQLException {
    try (Connection sql = pg.connect(url); Statement st = sql.createStatement();
        ResultSet rs = st.executeQuery("SELECT account_id FROM accounts")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
