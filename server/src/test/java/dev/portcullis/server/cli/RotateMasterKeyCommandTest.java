package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.server.KeyHierarchy;
import dev.portcullis.server.MasterKey;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.CredentialsFile;
import dev.portcullis.server.testing.NodeCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code portcullis rotate-master-key}: a new master key, the same data key and secrets. */
class RotateMasterKeyCommandTest {
  @TempDir
  Path dir;

  private record Run(int status, String out, String err) {}

  @Test
  void rotate_whenGivenANewKeyFile_serversStartOnlyWithTheNewKeyAndOldSecretsStillWork()
      throws Exception {
    Path data = dir.resolve("data");
    AwsBasicCredentials admin;
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data, 0))) {
      admin = CredentialsFile.read(server.dataDirectory().credentialsFile(), "portcullis");
    }
    String oldKey = Files.readString(data.resolve("master.key")).strip();
    Path next = dir.resolve("new.key");
    String newKey = NodeCluster.randomMasterKey();
    Files.writeString(next, newKey + "\n");

    Run r = run("rotate-master-key", "--data-dir", data.toString(), "--new-master-key-file",
        next.toString());

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("--master-key-file " + next)
        .doesNotContain(oldKey).doesNotContain(newKey);
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data, 0)
        .withMasterKey(MasterKey.fromFile(next)))) {
      try (IamClient iam = iam(server, admin)) {
        assertThat(iam.getUser().user().userName()).isEqualTo("admin");
      }
    }
    assertThatThrownBy(() -> PortcullisServer.start(ServerConfig.local(data, 0)))
        .isInstanceOf(KeyHierarchy.WrongMasterKeyException.class);
  }

  @Test
  void rotate_whenTheCurrentKeyIsWrong_changesNothingAndSaysWhy() throws Exception {
    Path data = dir.resolve("data");
    PortcullisServer.start(ServerConfig.local(data, 0)).close();
    Path wrong = dir.resolve("wrong.key");
    Files.writeString(wrong, NodeCluster.randomMasterKey());
    Path next = dir.resolve("new.key");
    Files.writeString(next, NodeCluster.randomMasterKey());

    Run r = run("rotate-master-key", "--data-dir", data.toString(), "--master-key-file",
        wrong.toString(), "--new-master-key-file", next.toString());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("does not open this database's data key");
    PortcullisServer.start(ServerConfig.local(data, 0)).close(); // master.key still opens it
  }

  @Test
  void rotate_whenNoNewKeyIsNamed_isAUsageError() {
    Run r = run("rotate-master-key", "--data-dir", dir.toString());

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--new-master-key-file");
  }

  private static IamClient iam(PortcullisServer server, AwsBasicCredentials credentials) {
    return IamClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
        .region(Region.AWS_GLOBAL).credentialsProvider(StaticCredentialsProvider.create(
            credentials)).httpClient(UrlConnectionHttpClient.create()).build();
  }

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = Main.run(new ArrayList<>(List.of(args)));
      return new Run(status, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
