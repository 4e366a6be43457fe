package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's walk-through, run with the real AWS CLI and the bootstrap profile. */
class AwsCliWalkthroughTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private AwsCli aws;

  @BeforeEach
  void cli() {
    aws = new AwsCli(SERVER.endpoint().toString(),
        SERVER.dataDir().resolve("credentials"), "portcullis");
  }

  @Test
  void userLifecycle_deleteUserConflictsUntilTheDocumentedCleanupOrder() throws Exception {
    ok("iam", "create-user", "--user-name", "walker");
    ok("iam", "create-login-profile", "--user-name", "walker", "--password",
        "Sup3r-Secret-Passw0rd!", "--password-reset-required");
    ok("iam", "create-group", "--group-name", "readers");
    ok("iam", "attach-group-policy", "--group-name", "readers", "--policy-arn",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
    ok("iam", "add-user-to-group", "--user-name", "walker", "--group-name", "readers");
    JsonNode key = ok("iam", "create-access-key", "--user-name", "walker").path("AccessKey");
    String keyId = key.path("AccessKeyId").asText();
    assertThat(keyId).startsWith("AKIA");
    ok("iam", "update-access-key", "--user-name", "walker", "--access-key-id", keyId,
        "--status", "Inactive");
    JsonNode keys = ok("iam", "list-access-keys", "--user-name", "walker");
    assertThat(keys.path("AccessKeyMetadata").get(0).path("Status").asText())
        .isEqualTo("Inactive");

    AwsCli.Result refused = aws.run("iam", "delete-user", "--user-name", "walker");
    assertThat(refused.ok()).isFalse();
    assertThat(refused.stderr()).contains("DeleteConflict");

    ok("iam", "delete-access-key", "--user-name", "walker", "--access-key-id", keyId);
    ok("iam", "delete-login-profile", "--user-name", "walker");
    ok("iam", "remove-user-from-group", "--user-name", "walker", "--group-name", "readers");
    ok("iam", "delete-user", "--user-name", "walker");
    AwsCli.Result gone = aws.run("iam", "get-user", "--user-name", "walker");
    assertThat(gone.stderr()).contains("NoSuchEntity");
  }

  @Test
  void loginProfile_keepsPasswordResetRequired() throws Exception {
    ok("iam", "create-user", "--user-name", "resetter");
    ok("iam", "create-login-profile", "--user-name", "resetter", "--password",
        "An0ther-Passw0rd!", "--password-reset-required");

    JsonNode profile = ok("iam", "get-login-profile", "--user-name", "resetter");

    assertThat(profile.path("LoginProfile").path("PasswordResetRequired").asBoolean()).isTrue();
  }

  private JsonNode ok(String... args) throws Exception {
    AwsCli.Result r = aws.run(args);
    assertThat(r.ok()).as("aws %s failed: %s", String.join(" ", args), r.stderr()).isTrue();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }
}
