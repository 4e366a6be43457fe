package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.PortcullisCli;
import dev.portcullis.server.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's walk-through, run with the real AWS CLI and the bootstrap profile, and its
 * audit-trail commands ({@code ./portcullis audit ...}) as a user runs them next to the data
 * directory.
 */
class AwsCliWalkthroughTest {
  @RegisterExtension
  static final ServerExtension SERVER = new ServerExtension().withDefaultDataDirName();
  /** The README's audit commands, as written there: the test fails when they drift apart. */
  private static final String LOOKUP = "aws cloudtrail lookup-events --endpoint-url "
      + "http://127.0.0.1:9400 \\\n"
      + "  --lookup-attributes AttributeKey=Username,AttributeValue=bob";
  private static final List<String> AUDIT_COMMANDS = List.of(
      "./portcullis audit events --principal bob --result denied",
      "./portcullis audit export --to audit-export",
      "./portcullis audit verify audit-export");
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

  @Test
  void auditTrail_readmeCommands_showBobsDeniedCallAndAnIntactExport() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains(LOOKUP);
    for (String command : AUDIT_COMMANDS) {
      assertThat(readme).contains("\n" + command + " ");
    }
    ok("iam", "create-user", "--user-name", "bob");
    JsonNode key = ok("iam", "create-access-key", "--user-name", "bob").path("AccessKey");
    AwsCli bob = aws.withProfile("bob", key.path("AccessKeyId").asText(),
        key.path("SecretAccessKey").asText(), null);
    assertThat(bob.run("iam", "list-users").stderr()).contains("(AccessDenied)");

    // aws cloudtrail lookup-events (AwsCli adds the endpoint of this test's server).
    JsonNode bobs = ok("cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=Username,AttributeValue=bob");
    assertThat(bobs.path("Events")).isNotEmpty().allSatisfy(e -> {
      assertThat(e.path("Username").asText()).isEqualTo("bob");
      assertThat(e.path("AccessKeyId").asText()).isEqualTo(key.path("AccessKeyId").asText());
    });
    assertThat(bobs.path("Events").findValuesAsText("EventName")).contains("ListUsers");

    PortcullisCli portcullis = new PortcullisCli(SERVER.workingDirectory());
    PortcullisCli.Result denied = portcullis.run(arguments(AUDIT_COMMANDS.get(0)));
    assertThat(denied.exitCode()).as(denied.describe()).isZero();
    List<String> rows = denied.stdout().lines().skip(1).toList();
    assertThat(rows).as(denied.stdout()).isNotEmpty().allSatisfy(row -> assertThat(row)
        .contains("ListUsers", "bob", "AccessDenied"));
    PortcullisCli.Result exported = portcullis.run(arguments(AUDIT_COMMANDS.get(1)));
    assertThat(exported.exitCode()).as(exported.describe()).isZero();
    assertThat(exported.stdout()).startsWith("Exported ");
    PortcullisCli.Result verified = portcullis.run(arguments(AUDIT_COMMANDS.get(2)));
    assertThat(verified.exitCode()).as(verified.describe()).isZero();
    assertThat(verified.stdout()).contains("The audit trail is intact.");
  }

  /** A README command line's arguments after {@code ./portcullis}. */
  private static List<String> arguments(String command) {
    List<String> words = List.of(command.split(" "));
    return words.subList(1, words.size());
  }

  private JsonNode ok(String... args) throws Exception {
    AwsCli.Result r = aws.run(args);
    assertThat(r.ok()).as("aws %s failed: %s", String.join(" ", args), r.stderr()).isTrue();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }
}
