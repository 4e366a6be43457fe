package dev.portcullis.server.iam;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.LoginProfile;

class LoginProfileOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String PASSWORD = "Correct-Horse-7";

  private final IamClient iam = SERVER.adminIam();

  @Test
  void createLoginProfile_thenGetLoginProfile_returnsTheProfileWithoutThePassword() {
    iam.createUser(b -> b.userName("ann"));

    LoginProfile created = iam.createLoginProfile(b -> b.userName("ann").password(PASSWORD)
        .passwordResetRequired(true)).loginProfile();
    LoginProfile fetched = iam.getLoginProfile(b -> b.userName("ANN")).loginProfile();

    assertThat(created.userName()).isEqualTo("ann");
    assertThat(created.passwordResetRequired()).isTrue();
    assertThat(created.createDate()).isNotNull();
    assertThat(fetched.userName()).isEqualTo("ann");
    assertThat(fetched.passwordResetRequired()).isTrue();
    assertThat(fetched.createDate()).isEqualTo(created.createDate());
    assertThat(fetched.toString()).doesNotContain(PASSWORD).doesNotContain("argon2");
  }

  @Test
  void createLoginProfile_whenOneExists_isEntityAlreadyExists() {
    iam.createUser(b -> b.userName("ben"));
    iam.createLoginProfile(b -> b.userName("ben").password(PASSWORD));

    assertAwsError(() -> iam.createLoginProfile(b -> b.userName("ben").password(PASSWORD)),
        "EntityAlreadyExists", 409, "Login Profile for user ben already exists.");
  }

  @Test
  void createLoginProfile_whenUserMissing_isNoSuchEntity() {
    assertAwsError(() -> iam.createLoginProfile(b -> b.userName("ghost").password(PASSWORD)),
        "NoSuchEntity", 404, "The user with name ghost cannot be found.");
  }

  @Test
  void createLoginProfile_withWeakPasswordUnderDefaultPolicy_isPasswordPolicyViolation() {
    iam.createUser(b -> b.userName("cat"));

    assertAwsError(() -> iam.createLoginProfile(b -> b.userName("cat").password("short")),
        "PasswordPolicyViolation", 400);
    assertAwsError(() -> iam.getLoginProfile(b -> b.userName("cat")), "NoSuchEntity", 404);
  }

  @Test
  void getLoginProfile_whenUserHasNone_isNoSuchEntityWithAwsMessage() {
    iam.createUser(b -> b.userName("dan"));

    assertAwsError(() -> iam.getLoginProfile(b -> b.userName("dan")), "NoSuchEntity", 404,
        "Login Profile for User dan cannot be found.");
  }

  @Test
  void getLoginProfile_withoutUserName_answersForTheCaller() {
    IamClient asEve = clientFor("eve");
    iam.createLoginProfile(b -> b.userName("eve").password(PASSWORD));

    assertThat(asEve.getLoginProfile(b -> { }).loginProfile().userName()).isEqualTo("eve");
  }

  @Test
  void updateLoginProfile_setsThePasswordAndTheResetFlag() {
    IamClient asFay = clientFor("fay");
    iam.createLoginProfile(b -> b.userName("fay").password(PASSWORD));

    iam.updateLoginProfile(b -> b.userName("fay").password("Second-Pass-8")
        .passwordResetRequired(true));

    assertThat(iam.getLoginProfile(b -> b.userName("fay")).loginProfile()
        .passwordResetRequired()).isTrue();
    assertAwsError(() -> asFay.changePassword(b -> b.oldPassword(PASSWORD)
        .newPassword("Third-Pass-9")), "InvalidUserType", 400);
    asFay.changePassword(b -> b.oldPassword("Second-Pass-8").newPassword("Third-Pass-9"));
  }

  @Test
  void updateLoginProfile_withoutPassword_keepsThePassword() {
    IamClient asGus = clientFor("gus");
    iam.createLoginProfile(b -> b.userName("gus").password(PASSWORD)
        .passwordResetRequired(true));

    iam.updateLoginProfile(b -> b.userName("gus").passwordResetRequired(false));

    assertThat(iam.getLoginProfile(b -> b.userName("gus")).loginProfile()
        .passwordResetRequired()).isFalse();
    asGus.changePassword(b -> b.oldPassword(PASSWORD).newPassword("Other-Pass-1"));
  }

  @Test
  void updateLoginProfile_whenNone_isNoSuchEntity() {
    iam.createUser(b -> b.userName("hal"));

    assertAwsError(() -> iam.updateLoginProfile(b -> b.userName("hal").password(PASSWORD)),
        "NoSuchEntity", 404, "Login Profile for User hal cannot be found.");
  }

  @Test
  void deleteLoginProfile_removesIt_andDeletingAgainIsNoSuchEntity() {
    iam.createUser(b -> b.userName("ida"));
    iam.createLoginProfile(b -> b.userName("ida").password(PASSWORD));

    iam.deleteLoginProfile(b -> b.userName("ida"));

    assertAwsError(() -> iam.getLoginProfile(b -> b.userName("ida")), "NoSuchEntity", 404);
    assertAwsError(() -> iam.deleteLoginProfile(b -> b.userName("ida")), "NoSuchEntity", 404,
        "Login Profile for User ida cannot be found.");
  }

  @Test
  void deleteUser_whileLoginProfileExists_isDeleteConflict() {
    iam.createUser(b -> b.userName("jan"));
    iam.createLoginProfile(b -> b.userName("jan").password(PASSWORD));

    assertAwsError(() -> iam.deleteUser(b -> b.userName("jan")), "DeleteConflict", 409,
        "Cannot delete entity, must delete login profile first.");

    iam.deleteLoginProfile(b -> b.userName("jan"));
    iam.deleteUser(b -> b.userName("jan"));
  }

  @Test
  void changePassword_withTheOldPassword_setsTheNewOneAndClearsResetRequired() {
    IamClient asKai = clientFor("kai");
    iam.createLoginProfile(b -> b.userName("kai").password(PASSWORD)
        .passwordResetRequired(true));

    asKai.changePassword(b -> b.oldPassword(PASSWORD).newPassword("Brand-New-42"));

    assertThat(iam.getLoginProfile(b -> b.userName("kai")).loginProfile()
        .passwordResetRequired()).isFalse();
    assertAwsError(() -> asKai.changePassword(b -> b.oldPassword(PASSWORD)
        .newPassword("Another-One-43")), "InvalidUserType", 400);
    asKai.changePassword(b -> b.oldPassword("Brand-New-42").newPassword("Another-One-43"));
  }

  @Test
  void changePassword_withWrongOldPassword_isInvalidUserTypeAndChangesNothing() {
    IamClient asLia = clientFor("lia");
    iam.createLoginProfile(b -> b.userName("lia").password(PASSWORD));

    assertAwsError(() -> asLia.changePassword(b -> b.oldPassword("Wrong-Pass-1")
        .newPassword("Brand-New-42")), "InvalidUserType", 400, "The old password is incorrect.");
    asLia.changePassword(b -> b.oldPassword(PASSWORD).newPassword("Brand-New-42"));
  }

  @Test
  void changePassword_withoutLoginProfile_isNoSuchEntity() {
    IamClient asMo = clientFor("mo");

    assertAwsError(() -> asMo.changePassword(b -> b.oldPassword(PASSWORD)
        .newPassword("Brand-New-42")), "NoSuchEntity", 404,
        "Login Profile for User mo cannot be found.");
  }

  @Test
  void changePassword_withWeakNewPassword_isPasswordPolicyViolation() {
    IamClient asNed = clientFor("ned");
    iam.createLoginProfile(b -> b.userName("ned").password(PASSWORD));

    assertAwsError(() -> asNed.changePassword(b -> b.oldPassword(PASSWORD)
        .newPassword("alllowercase")), "PasswordPolicyViolation", 400);
  }

  @Test
  void passwords_neverReachTheDatabaseFileInClear() throws IOException {
    String secret = "Unmistakable-Secret-9182";
    String changed = "Changed-Secret-7364";
    IamClient asOla = clientFor("ola");
    iam.createLoginProfile(b -> b.userName("ola").password(secret));
    asOla.changePassword(b -> b.oldPassword(secret).newPassword(changed));
    iam.updateLoginProfile(b -> b.userName("ola").password(secret));

    String bytes = databaseBytes();

    assertThat(bytes).contains("argon2id").doesNotContain(secret).doesNotContain(changed);
  }

  /** The SQLite database and its write-ahead log, as ISO-8859-1 text (one char per byte). */
  private static String databaseBytes() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String name : new String[] {"portcullis.db", "portcullis.db-wal"}) {
      Path file = SERVER.dataDir().resolve(name);
      if (Files.exists(file)) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(all).isNotEmpty();
    return all.toString();
  }

  /**
   * Creates a user with an access key, allowed to read its login profile and change its
   * password, and returns a client signed as that user.
   */
  private IamClient clientFor(String userName) {
    iam.createUser(b -> b.userName(userName));
    SERVER.allow(userName, "iam:GetLoginProfile", "iam:ChangePassword");
    AccessKey key = iam.createAccessKey(b -> b.userName(userName)).accessKey();
    return SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
  }
}
