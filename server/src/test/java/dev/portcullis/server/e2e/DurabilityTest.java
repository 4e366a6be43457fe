package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.User;

/** Acknowledged writes survive restarts and SIGKILL, and the database stays consistent. */
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
  void sigkillDuringConcurrentWrites_losesNoAcknowledgedWrite() throws Exception {
    Path data = dir.resolve("data");
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("log1"))) {
      AwsBasicCredentials admin = server.adminCredentials();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService writers = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        int thread = t;
        writers.submit(() -> {
          IamClient iam = server.iam(admin);
          for (int i = 0; running.get(); i++) {
            String name = "burst-" + thread + "-" + i;
            try {
              iam.createUser(b -> b.userName(name).tags(x -> x.key("n").value(name)));
              acknowledged.add(name);
            } catch (RuntimeException e) {
              return; // the server is gone: this write was never acknowledged
            }
          }
        });
      }
      Thread.sleep(2000);
      server.kill();
      running.set(false);
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).as("writes acknowledged before the kill").hasSizeGreaterThan(20);

    Set<String> stored = new HashSet<>();
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("log2"))) {
      IamClient iam = server.iam(server.adminCredentials());
      iam.listUsersPaginator(b -> b.pathPrefix("/")).users()
          .forEach(u -> stored.add(u.userName()));
      for (String name : List.copyOf(acknowledged).subList(0, 5)) {
        assertThat(iam.listUserTags(b -> b.userName(name)).tags()).hasSize(1);
      }
      server.stop();
    }
    assertThat(stored).containsAll(acknowledged);
    assertConsistent(data.resolve("portcullis.db"));
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
