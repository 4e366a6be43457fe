package dev.portcullis.server.iam;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;

class PasswordPolicyTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static int users;

  private final IamClient iam = SERVER.adminIam();

  @BeforeEach
  void startWithoutPolicy() {
    try {
      iam.deleteAccountPasswordPolicy();
    } catch (NoSuchEntityException e) {
      // already none
    }
  }

  @Test
  void getAccountPasswordPolicy_whenNone_isNoSuchEntityWithAwsMessage() {
    assertAwsError(iam::getAccountPasswordPolicy, "NoSuchEntity", 404,
        "The Password Policy with domain name " + SERVER.accountId() + " cannot be found.");
  }

  @Test
  void updateAccountPasswordPolicy_thenGet_returnsEveryMember() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12).requireSymbols(true)
        .requireNumbers(true).requireUppercaseCharacters(true).requireLowercaseCharacters(true)
        .allowUsersToChangePassword(true).maxPasswordAge(90).passwordReusePrevention(5)
        .hardExpiry(true));

    PasswordPolicy p = iam.getAccountPasswordPolicy().passwordPolicy();

    assertThat(p.minimumPasswordLength()).isEqualTo(12);
    assertThat(p.requireSymbols()).isTrue();
    assertThat(p.requireNumbers()).isTrue();
    assertThat(p.requireUppercaseCharacters()).isTrue();
    assertThat(p.requireLowercaseCharacters()).isTrue();
    assertThat(p.allowUsersToChangePassword()).isTrue();
    assertThat(p.expirePasswords()).isTrue();
    assertThat(p.maxPasswordAge()).isEqualTo(90);
    assertThat(p.passwordReusePrevention()).isEqualTo(5);
    assertThat(p.hardExpiry()).isTrue();
  }

  @Test
  void updateAccountPasswordPolicy_revertsOmittedMembersToTheirDefaults() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(20).requireSymbols(true)
        .maxPasswordAge(30).passwordReusePrevention(3).hardExpiry(true));

    iam.updateAccountPasswordPolicy(b -> b.requireNumbers(true));

    PasswordPolicy p = iam.getAccountPasswordPolicy().passwordPolicy();
    assertThat(p.minimumPasswordLength()).isEqualTo(6);
    assertThat(p.requireNumbers()).isTrue();
    assertThat(p.requireSymbols()).isFalse();
    assertThat(p.requireUppercaseCharacters()).isFalse();
    assertThat(p.requireLowercaseCharacters()).isFalse();
    assertThat(p.allowUsersToChangePassword()).isFalse();
    assertThat(p.expirePasswords()).isFalse();
    assertThat(p.maxPasswordAge()).isNull();
    assertThat(p.passwordReusePrevention()).isNull();
    assertThat(p.hardExpiry()).isFalse();
  }

  @Test
  void updateAccountPasswordPolicy_outsideTheModelRanges_isValidationError() {
    assertAwsError(() -> iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(5)),
        "ValidationError", 400);
    assertAwsError(() -> iam.updateAccountPasswordPolicy(b -> b.passwordReusePrevention(25)),
        "ValidationError", 400);
    assertAwsError(() -> iam.updateAccountPasswordPolicy(b -> b.maxPasswordAge(1096)),
        "ValidationError", 400);
  }

  @Test
  void deleteAccountPasswordPolicy_removesIt_andDeletingAgainIsNoSuchEntity() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(10));

    iam.deleteAccountPasswordPolicy();

    assertAwsError(iam::getAccountPasswordPolicy, "NoSuchEntity", 404);
    assertAwsError(iam::deleteAccountPasswordPolicy, "NoSuchEntity", 404);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "length    | Abcdef1!          | Password should have a minimum length of 10",
      "uppercase | abcdefgh1!        | Password should have at least one uppercase letter",
      "lowercase | ABCDEFGH1!        | Password should have at least one lowercase letter",
      "numbers   | Abcdefgh!!        | Password should have at least one number",
      "symbols   | Abcdefgh12        | Password should have at least one symbol"})
  void createLoginProfile_breakingOneRule_isPasswordPolicyViolationNamingIt(String rule,
      String password, String message) {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(10).requireSymbols(true)
        .requireNumbers(true).requireUppercaseCharacters(true).requireLowercaseCharacters(true));
    String user = newUser();

    assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password(password)),
        "PasswordPolicyViolation", 400, message);
    iam.createLoginProfile(b -> b.userName(user).password("Abcdefgh1!"));
  }

  @Test
  void updateLoginProfile_breakingSeveralRules_namesEveryBrokenRule() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(8).requireNumbers(true)
        .requireSymbols(true));
    String user = newUser();
    iam.createLoginProfile(b -> b.userName(user).password("abcdefg1!"));

    assertAwsError(() -> iam.updateLoginProfile(b -> b.userName(user).password("abc")),
        "PasswordPolicyViolation", 400, "Password should have a minimum length of 8, "
            + "Password should have at least one number, "
            + "Password should have at least one symbol");
  }

  @Test
  void customPolicy_replacesTheDefaultPolicy() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(6));
    String user = newUser();

    iam.createLoginProfile(b -> b.userName(user).password("simplex"));

    assertThat(iam.getLoginProfile(b -> b.userName(user)).loginProfile().userName())
        .isEqualTo(user);
  }

  @Test
  void defaultPolicy_requiresEightCharacters() {
    String user = newUser();

    assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password("Ab1!")),
        "PasswordPolicyViolation", 400, "Password should have a minimum length of 8");
  }

  @Test
  void defaultPolicy_requiresThreeOfTheFourCharacterTypes() {
    String user = newUser();

    assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password("abqdefg1")),
        "PasswordPolicyViolation", 400, "Password should meet 1 more of the following "
            + "requirements: Password should have at least one uppercase letter, "
            + "Password should have at least one symbol");
    iam.createLoginProfile(b -> b.userName(user).password("abqdefG1"));
  }

  @Test
  void passwordReusePrevention_rejectsTheLastNPasswordsButNotOlderOnes() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(6).passwordReusePrevention(2));
    String user = newUser();
    iam.createLoginProfile(b -> b.userName(user).password("first-pw"));
    iam.updateLoginProfile(b -> b.userName(user).password("second-pw"));

    assertAwsError(() -> iam.updateLoginProfile(b -> b.userName(user).password("first-pw")),
        "PasswordPolicyViolation", 400, "Password should not match any of the last 2 passwords");
    assertAwsError(() -> iam.updateLoginProfile(b -> b.userName(user).password("second-pw")),
        "PasswordPolicyViolation", 400);

    iam.updateLoginProfile(b -> b.userName(user).password("third-pw"));
    iam.updateLoginProfile(b -> b.userName(user).password("first-pw"));
  }

  @Test
  void changePassword_withoutAllowUsersToChangePasswordOrAPolicy_isAccessDenied() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(6)
        .allowUsersToChangePassword(false));
    String user = newUser();
    AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
    IamClient asUser = SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()));
    iam.createLoginProfile(b -> b.userName(user).password("current-pw"));

    assertAwsError(() -> asUser.changePassword(b -> b.oldPassword("current-pw")
        .newPassword("next-pw1")), "AccessDenied", 403);
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(6)
        .allowUsersToChangePassword(true));
    asUser.changePassword(b -> b.oldPassword("current-pw").newPassword("next-pw1"));
  }

  @Test
  void passwordReusePrevention_appliesToChangePassword() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(6).passwordReusePrevention(1)
        .allowUsersToChangePassword(true));
    String user = newUser();
    AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
    IamClient asUser = SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()));
    iam.createLoginProfile(b -> b.userName(user).password("current-pw"));

    assertAwsError(() -> asUser.changePassword(b -> b.oldPassword("current-pw")
        .newPassword("current-pw")), "PasswordPolicyViolation", 400);
    asUser.changePassword(b -> b.oldPassword("current-pw").newPassword("next-pw"));
  }

  @Test
  void changePassword_isCheckedAgainstTheCustomPolicy() {
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(6).requireNumbers(true)
        .allowUsersToChangePassword(true));
    String user = newUser();
    AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
    IamClient asUser = SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()));
    iam.createLoginProfile(b -> b.userName(user).password("stqrt1"));

    assertAwsError(() -> asUser.changePassword(b -> b.oldPassword("stqrt1")
        .newPassword("nonumbers")), "PasswordPolicyViolation", 400,
        "Password should have at least one number");
  }

  private String newUser() {
    String name = "policy-user-" + (++users);
    iam.createUser(b -> b.userName(name));
    return name;
  }
}
