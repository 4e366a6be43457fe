package dev.portcullis.server.iam;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.PortcullisCli;
import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * Portcullis's password rules beyond AWS's, as the IAM API answers them: the blocklist, the
 * user name and the alias, and the minimum counts per class set by {@code portcullis
 * password-policy set} on the running server's data directory.
 */
class PasswordRulesApiTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  private final IamClient iam = SERVER.adminIam();

  @Test
  void createLoginProfile_withACommonPassword_isPasswordPolicyViolation() {
    iam.createUser(b -> b.userName("common"));

    // "Password1" meets AWS's default policy; it is on the list of common passwords.
    assertAwsError(() -> iam.createLoginProfile(b -> b.userName("common")
        .password("Password1")), "PasswordPolicyViolation", 400,
        "Password is too common: it is on a list of common and breached passwords");
    iam.createLoginProfile(b -> b.userName("common").password("Qv7#Rk2mzt"));
  }

  @Test
  void updateLoginProfile_withTheUserNameInAnyCase_isPasswordPolicyViolation() {
    iam.createUser(b -> b.userName("margo"));
    iam.createLoginProfile(b -> b.userName("margo").password("Qv7#Rk2mzt"));

    assertAwsError(() -> iam.updateLoginProfile(b -> b.userName("margo")
        .password("xx-MARGO-77q")), "PasswordPolicyViolation", 400,
        "Password should not contain the user name");
  }

  @Test
  void changePassword_withTheAccountAlias_isPasswordPolicyViolation() {
    iam.createAccountAlias(b -> b.accountAlias("zephyr-labs"));
    try {
      iam.createUser(b -> b.userName("ivo"));
      iam.createLoginProfile(b -> b.userName("ivo").password("Qv7#Rk2mzt"));
      SERVER.allow("ivo", "iam:ChangePassword");
      AccessKey key = iam.createAccessKey(b -> b.userName("ivo")).accessKey();
      IamClient asIvo = SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(),
          key.secretAccessKey()));

      assertAwsError(() -> asIvo.changePassword(b -> b.oldPassword("Qv7#Rk2mzt")
          .newPassword("Zephyr-Labs-9")), "PasswordPolicyViolation", 400,
          "Password should not contain the account alias");
    } finally {
      iam.deleteAccountAlias(b -> b.accountAlias("zephyr-labs"));
    }
  }

  @Test
  void classMinimums_setWithTheCli_areEnforcedByTheApiWithEveryReason() throws Exception {
    PortcullisCli cli = new PortcullisCli(SERVER.workingDirectory());
    String dataDir = SERVER.dataDir().toString();
    PortcullisCli.Result set = cli.run("password-policy", "set", "--data-dir", dataDir,
        "--min-digits", "2", "--min-uppercase", "2", "--min-lowercase", "2",
        "--min-symbols", "1");
    try {
      assertThat(set.exitCode()).as(set.describe()).isZero();
      assertThat(set.stdout()).contains("at least digits/uppercase/lowercase/symbols: 2/2/2/1");
      iam.createUser(b -> b.userName("guide"));

      assertAwsError(() -> iam.createLoginProfile(b -> b.userName("guide")
          .password("Qvkrmzt#7")), "PasswordPolicyViolation", 400,
          "Password should have at least 2 numbers, Password should have at least 2 uppercase "
              + "letters");
      iam.createLoginProfile(b -> b.userName("guide").password("QvK7#rm2zt"));
      // GetAccountPasswordPolicy keeps AWS's shape: no custom policy was set through it.
      assertAwsError(iam::getAccountPasswordPolicy, "NoSuchEntity", 404);
    } finally {
      PortcullisCli.Result reset = cli.run("password-policy", "set", "--data-dir", dataDir,
          "--min-digits", "0", "--min-uppercase", "0", "--min-lowercase", "0",
          "--min-symbols", "0");
      assertThat(reset.exitCode()).as(reset.describe()).isZero();
    }
  }

  @Test
  void passwordPolicySet_withANegativeCount_failsWithoutChangingAnything() throws Exception {
    PortcullisCli.Result r = new PortcullisCli(SERVER.workingDirectory()).run(
        "password-policy", "set", "--data-dir", SERVER.dataDir().toString(),
        "--min-digits", "-1");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("--min-digits takes a count from 0 to 128, not '-1'");
  }
}
