package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Authorization as a user of the real AWS CLI sees it, with a user's own keys in a profile of
 * its own: denied until a policy allows, an explicit deny winning, and the encoded message of a
 * denial decoded with {@code aws sts decode-authorization-message}.
 */
class AwsCliAuthorizationTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private AwsCli admin;
  private Path credentials;

  @BeforeEach
  void cli() throws Exception {
    credentials = SERVER.dataDir().resolve("cli-credentials");
    Files.copy(SERVER.dataDir().resolve("credentials"), credentials,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    admin = new AwsCli(SERVER.endpoint().toString(), credentials, "portcullis");
  }

  @Test
  void ownKeys_areDeniedUntilAPolicyAllows_andAnExplicitDenyWins() throws Exception {
    AwsCli dev = userProfile("cli-dev");

    AwsCli.Result denied = dev.run("iam", "list-users");
    assertThat(denied.ok()).isFalse();
    assertThat(denied.stderr()).contains("AccessDenied").contains("User: arn:aws:iam::"
        + SERVER.accountId() + ":user/cli-dev is not authorized to perform: iam:ListUsers")
        .contains("because no identity-based policy allows the iam:ListUsers action");

    ok(admin, "iam", "attach-user-policy", "--user-name", "cli-dev", "--policy-arn",
        "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
    assertThat(ok(dev, "iam", "list-users").path("Users").size()).isPositive();

    ok(admin, "iam", "put-user-policy", "--user-name", "cli-dev", "--policy-name", "no-list",
        "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
        + "\"Action\":\"iam:List*\",\"Resource\":\"*\"}]}");
    AwsCli.Result explicit = dev.run("iam", "list-users");
    assertThat(explicit.stderr()).contains("with an explicit deny in an identity-based policy");

    String encoded = explicit.stderr().substring(explicit.stderr().indexOf("message: ") + 9)
        .strip();
    JsonNode decoded = JSON.readTree(ok(admin, "sts", "decode-authorization-message",
        "--encoded-message", encoded).path("DecodedMessage").asText());
    assertThat(decoded.path("explicitDeny").asBoolean()).isTrue();
    assertThat(decoded.path("context").path("action").asText()).isEqualTo("iam:ListUsers");
  }

  @Test
  void assumeRole_isDecidedByTheTrustPolicyAndItsExternalId() throws Exception {
    AwsCli ops = userProfile("cli-ops");
    String userArn = "arn:aws:iam::" + SERVER.accountId() + ":user/cli-ops";
    ok(admin, "iam", "create-role", "--role-name", "cli-deployer",
        "--assume-role-policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn + "\"},"
        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
        + "{\"sts:ExternalId\":\"deploy-42\"}}}]}");
    ok(admin, "iam", "attach-role-policy", "--role-name", "cli-deployer", "--policy-arn",
        "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
    String roleArn = "arn:aws:iam::" + SERVER.accountId() + ":role/cli-deployer";

    AwsCli.Result refused = ops.run("sts", "assume-role", "--role-arn", roleArn,
        "--role-session-name", "deploy");
    assertThat(refused.stderr()).contains("AccessDenied")
        .contains("is not authorized to perform: sts:AssumeRole on resource: " + roleArn);

    JsonNode creds = ok(ops, "sts", "assume-role", "--role-arn", roleArn,
        "--role-session-name", "deploy", "--external-id", "deploy-42").path("Credentials");
    Files.writeString(credentials, "\n[cli-session]\naws_access_key_id = "
        + creds.path("AccessKeyId").asText() + "\naws_secret_access_key = "
        + creds.path("SecretAccessKey").asText() + "\naws_session_token = "
        + creds.path("SessionToken").asText() + "\n", java.nio.file.StandardOpenOption.APPEND);
    AwsCli session = new AwsCli(SERVER.endpoint().toString(), credentials, "cli-session");

    assertThat(ok(session, "sts", "get-caller-identity").path("Arn").asText())
        .isEqualTo("arn:aws:sts::" + SERVER.accountId() + ":assumed-role/cli-deployer/deploy");
    assertThat(ok(session, "iam", "list-roles").path("Roles").size()).isPositive();
    assertThat(session.run("iam", "create-user", "--user-name", "not-allowed").stderr())
        .contains("assumed-role/cli-deployer/deploy is not authorized to perform: "
            + "iam:CreateUser");
  }

  @Test
  void groupsBoundariesAndUsernameVariable_decideWhatAUsersOwnProfileMayDo() throws Exception {
    AwsCli eve = userProfile("cli-eve");
    ok(admin, "iam", "create-group", "--group-name", "cli-admins");
    ok(admin, "iam", "attach-group-policy", "--group-name", "cli-admins", "--policy-arn",
        "arn:aws:iam::aws:policy/AdministratorAccess");

    assertThat(eve.run("iam", "list-roles").stderr()).contains("AccessDenied");
    ok(admin, "iam", "add-user-to-group", "--group-name", "cli-admins", "--user-name",
        "cli-eve");
    ok(eve, "iam", "list-roles");

    ok(admin, "iam", "put-user-permissions-boundary", "--user-name", "cli-eve",
        "--permissions-boundary", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
    ok(eve, "iam", "list-roles");
    assertThat(eve.run("iam", "create-user", "--user-name", "cli-eve-made").stderr())
        .contains("because no permissions boundary allows the iam:CreateUser action");

    AwsCli kim = userProfile("cli-kim");
    ok(admin, "iam", "create-user", "--user-name", "cli-kim-neighbour");
    ok(admin, "iam", "put-user-policy", "--user-name", "cli-kim", "--policy-name", "own-keys",
        "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"iam:*AccessKey*\",\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}]}");
    assertThat(ok(kim, "iam", "list-access-keys").path("AccessKeyMetadata").size()).isEqualTo(1);
    assertThat(kim.run("iam", "list-access-keys", "--user-name", "cli-kim-neighbour").stderr())
        .contains("AccessDenied");
  }

  @Test
  void roleSessions_areNarrowedBySessionPolicies_andDeniedWithoutMfa() throws Exception {
    AwsCli lou = userProfile("cli-lou");
    String userArn = "arn:aws:iam::" + SERVER.accountId() + ":user/cli-lou";
    ok(admin, "iam", "create-role", "--role-name", "cli-reader",
        "--assume-role-policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn + "\"},"
        + "\"Action\":\"sts:AssumeRole\"}]}");
    ok(admin, "iam", "attach-role-policy", "--role-name", "cli-reader", "--policy-arn",
        "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
    String roleArn = "arn:aws:iam::" + SERVER.accountId() + ":role/cli-reader";

    AwsCli narrow = sessionProfile("cli-narrow", ok(lou, "sts", "assume-role", "--role-arn",
        roleArn, "--role-session-name", "narrow", "--policy", "{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\","
        + "\"Resource\":\"*\"}]}"));
    ok(narrow, "iam", "list-roles");
    assertThat(narrow.run("iam", "list-users").stderr())
        .contains("because no session policy allows the iam:ListUsers action");

    ok(admin, "iam", "put-role-policy", "--role-name", "cli-reader", "--policy-name",
        "require-mfa", "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
        + "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}");
    AwsCli noMfa = sessionProfile("cli-no-mfa", ok(lou, "sts", "assume-role", "--role-arn",
        roleArn, "--role-session-name", "no-mfa"));
    assertThat(noMfa.run("iam", "list-roles").stderr())
        .contains("with an explicit deny in an identity-based policy");
  }

  /** A profile holding the temporary credentials of an assume-role answer. */
  private AwsCli sessionProfile(String name, JsonNode assumeRole) throws Exception {
    JsonNode c = assumeRole.path("Credentials");
    Files.writeString(credentials, "\n[" + name + "]\naws_access_key_id = "
        + c.path("AccessKeyId").asText() + "\naws_secret_access_key = "
        + c.path("SecretAccessKey").asText() + "\naws_session_token = "
        + c.path("SessionToken").asText() + "\n", java.nio.file.StandardOpenOption.APPEND);
    return new AwsCli(SERVER.endpoint().toString(), credentials, name);
  }

  /** A user with an access key, and a CLI profile named after it holding that key. */
  private AwsCli userProfile(String userName) throws Exception {
    ok(admin, "iam", "create-user", "--user-name", userName);
    JsonNode key = ok(admin, "iam", "create-access-key", "--user-name", userName)
        .path("AccessKey");
    Files.writeString(credentials, "\n[" + userName + "]\naws_access_key_id = "
        + key.path("AccessKeyId").asText() + "\naws_secret_access_key = "
        + key.path("SecretAccessKey").asText() + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    return new AwsCli(SERVER.endpoint().toString(), credentials, userName);
  }

  private static JsonNode ok(AwsCli cli, String... args) throws Exception {
    AwsCli.Result r = cli.run(args);
    assertThat(r.ok()).as("aws %s failed: %s", String.join(" ", args), r.stderr()).isTrue();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }
}
