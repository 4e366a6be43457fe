package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets (secret access keys, passwords) appear only in the response that created them:
 * never in the database, the log, or any later response.
 */
class SecretsAtRestTest {
  private static final String PASSWORD = "Corr3ct-Horse-Battery!";
  @TempDir Path dir;

  @Test
  void secretsAppearOnlyInTheirCreatingResponse() throws Exception {
    Path data = dir.resolve("data");
    List<String> laterOutput = new ArrayList<>();
    String secret;
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"))) {
      AwsCli aws = new AwsCli(server.endpoint().toString(), data.resolve("credentials"),
          "portcullis");
      ok(aws, "iam", "create-user", "--user-name", "holder");
      String created = ok(aws, "iam", "create-access-key", "--user-name", "holder");
      secret = created.replaceAll("(?s).*\"SecretAccessKey\": \"([^\"]+)\".*", "$1");
      assertThat(secret).hasSize(40);
      ok(aws, "iam", "create-login-profile", "--user-name", "holder", "--password", PASSWORD);
      for (String[] read : List.of(
          new String[] {"iam", "get-user", "--user-name", "holder"},
          new String[] {"iam", "list-users"},
          new String[] {"iam", "list-access-keys", "--user-name", "holder"},
          new String[] {"iam", "get-login-profile", "--user-name", "holder"},
          new String[] {"iam", "get-account-summary"})) {
        laterOutput.add(ok(aws, read));
      }
      AwsCli.Result wrong = aws.run("iam", "create-login-profile", "--user-name", "holder",
          "--password", PASSWORD);
      laterOutput.add(wrong.stdout() + wrong.stderr());
      server.stop();
    }
    String adminSecret = Files.readString(data.resolve("credentials"))
        .replaceAll("(?s).*aws_secret_access_key = (\\S+).*", "$1");

    assertThat(laterOutput).noneMatch(o -> o.contains(secret) || o.contains(PASSWORD));
    assertThat(Files.readString(dir.resolve("server.log"))).doesNotContain(secret, PASSWORD,
        adminSecret);
    try (Stream<Path> files = Files.list(data)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("portcullis.db"))
          .toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain(secret, PASSWORD, adminSecret);
      }
    }
    assertThat(Files.getPosixFilePermissions(data.resolve("master.key")))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertThat(Files.getPosixFilePermissions(data.resolve("credentials")))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
  }

  private static String ok(AwsCli aws, String... args) throws Exception {
    AwsCli.Result r = aws.run(args);
    assertThat(r.ok()).as("aws %s: %s", String.join(" ", args), r.stderr()).isTrue();
    return r.stdout();
  }
}
