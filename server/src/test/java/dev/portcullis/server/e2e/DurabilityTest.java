package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.NodeCluster;
import dev.portcullis.server.testing.PortcullisCli;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Acknowledged writes survive restarts and SIGKILL, each with its audit event in a trail that
 * {@code portcullis audit verify --store} finds intact, and the database stays consistent.
 */
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void gracefulRestart_keepsUsersTagsAndWorkingAccessKeys() throws Exception {
    Path data = dir.resolve("data");
    AccessKey key;
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("log1"))) {
      IamClient iam = server.iam(server.adminCredentials());
      iam.createUser(b -> b.userName("keeper").tags(t -> t.key("k").value("v")));
      key = iam.createAccessKey(b -> b.userName("keeper")).accessKey();
      iam.attachUserPolicy(b -> b.userName("keeper")
          .policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
      server.stop();
    }

    try (ServerProcess server = ServerProcess.start(data, dir.resolve("log2"))) {
      IamClient asKeeper = server.iam(AwsBasicCredentials.create(key.accessKeyId(),
          key.secretAccessKey()));
      User me = asKeeper.getUser().user();
      assertThat(me.userName()).isEqualTo("keeper");
      assertThat(me.tags()).hasSize(1);
    }
  }

  @Test
  void sigkillDuringConcurrentWrites_losesNoAcknowledgedWriteNorItsEvent() throws Exception {
    Path data = dir.resolve("data");
    // Digests every second, so that the kill lands among signed digests, not only after them.
    String[] digestEverySecond = {"--audit-digest-interval", "1"};
    List<WriteBurst.Write> acknowledged;
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("log1"),
        digestEverySecond)) {
      acknowledged = WriteBurst.untilKilled(List.of(server), server.adminCredentials(),
          Duration.ofSeconds(3), server::kill);
    }
    assertThat(acknowledged).as("writes acknowledged before the kill").hasSizeGreaterThan(20)
        .extracting(WriteBurst.Write::operation)
        .contains("CreateUser", "TagUser", "CreateAccessKey");
    List<String> created = acknowledged.stream().filter(w -> w.operation().equals("CreateUser"))
        .map(WriteBurst.Write::userName).toList();

    Set<String> stored = new HashSet<>();
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("log2"),
        digestEverySecond)) {
      IamClient iam = server.iam(server.adminCredentials());
      iam.listUsersPaginator(b -> b.pathPrefix("/")).users()
          .forEach(u -> stored.add(u.userName()));
      for (String name : created.subList(0, 5)) {
        assertThat(iam.listUserTags(b -> b.userName(name)).tags())
            .anyMatch(t -> t.key().equals("n") && t.value().equals(name));
      }
      Thread.sleep(2500); // a digest of the events since the restart, too
      server.stop();
    }
    assertThat(stored).containsAll(created);
    assertConsistent(data.resolve("portcullis.db"));
    WriteBurst.assertTrailHasEveryWriteAndVerifies(new PortcullisCli(dir),
        List.of("--data-dir", data.toString()), acknowledged);
  }

  @Test
  void sigkillOfTwoNodesDuringConcurrentWrites_onPostgres_losesNoEventAndKeepsOneChain()
      throws Exception {
    List<WriteBurst.Write> acknowledged;
    try (NodeCluster nodes = NodeCluster.start(dir.resolve("cluster"), PostgresServer.shared(),
        2, "--audit-digest-interval", "1")) {
      acknowledged = WriteBurst.untilKilled(nodes.nodes(), nodes.adminCredentials(),
          Duration.ofSeconds(3), () -> {
            for (ServerProcess node : nodes.nodes()) {
              node.kill();
            }
          });
      assertThat(acknowledged).as("writes acknowledged by both nodes before the kill")
          .anyMatch(w -> w.userName().startsWith("burst-0-"))
          .anyMatch(w -> w.userName().startsWith("burst-1-")).hasSizeGreaterThanOrEqualTo(8);
      // Both nodes again: one of them makes the digest of the events since the restart.
      nodes.addNode();
      nodes.addNode();
      Thread.sleep(2500);
      WriteBurst.assertTrailHasEveryWriteAndVerifies(new PortcullisCli(dir),
          nodes.storeOptions(), acknowledged);
    }
  }

  private static void assertConsistent(Path db) throws Exception {
    assertThat(Files.exists(db)).isTrue();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
      List<String> violations = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
        while (rs.next()) {
          violations.add(rs.getString(1));
        }
      }
      assertThat(violations).isEmpty();
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM tags t WHERE t.kind = 'USER' "
          + "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = t.resource_id)")) {
        rs.next();
        assertThat(rs.getInt(1)).as("tags of users that do not exist").isZero();
      }
    }
  }
}
