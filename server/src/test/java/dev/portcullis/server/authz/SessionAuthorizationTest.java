package dev.portcullis.server.authz;

import static dev.portcullis.server.authz.AuthorizationTest.denied;
import static dev.portcullis.server.authz.AuthorizationTest.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.server.testing.MutableClock;
import dev.portcullis.server.testing.ServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Temporary credentials under AWS's evaluation logic: trust policies decide who may assume a
 * role (with ExternalId), role sessions act with the role's policies narrowed by session
 * policies, session tags become principal tags, and MFA is present only when it was proved.
 */
class SessionAuthorizationTest {
  static final MutableClock CLOCK = new MutableClock();
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension(CLOCK);
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
  private final IamClient admin = SERVER.adminIam();

  @Test
  void trustPolicyNamingTheUser_allowsAssumeRoleWithoutAnyIdentityPolicy() {
    AwsBasicCredentials ann = userKey("ann");
    String roleArn = role("ann-role", trust("\"AWS\":\"" + userArn("ann") + "\"", ""));

    Credentials c = sts(ann).assumeRole(b -> b.roleArn(roleArn).roleSessionName("work"))
        .credentials();

    assertThat(sts(c).getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + SERVER.accountId()
        + ":assumed-role/ann-role/work");
  }

  @Test
  void trustPolicyNamingSomeoneElse_refusesAssumeRole() {
    AwsBasicCredentials ben = userKey("ben");
    userKey("ben-other");
    String roleArn = role("ben-role", trust("\"AWS\":\"" + userArn("ben-other") + "\"", ""));
    SERVER.allow("ben", "sts:AssumeRole");

    String message = denied(() -> sts(ben).assumeRole(b -> b.roleArn(roleArn)
        .roleSessionName("try")));

    assertThat(message).startsWith("User: " + userArn("ben") + " is not authorized to "
        + "perform: sts:AssumeRole on resource: " + roleArn);
  }

  @Test
  void trustPolicyNamingTheAccount_delegatesToTheCallersIdentityPolicies() {
    AwsBasicCredentials cat = userKey("cat");
    String roleArn = role("cat-role", trust("\"AWS\":\"" + SERVER.accountId() + "\"", ""));

    denied(() -> sts(cat).assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1")));
    SERVER.allow("cat", "sts:AssumeRole");
    assertThat(sts(cat).assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1"))
        .assumedRoleUser().arn()).endsWith(":assumed-role/cat-role/s1");
  }

  @Test
  void userDeletedAndCreatedAgain_isNoLongerTrusted_likeAwsMatchingByUniqueId() {
    AwsBasicCredentials old = userKey("phoenix");
    String roleArn = role("phoenix-role", trust("\"AWS\":\"" + userArn("phoenix") + "\"",
        ""));
    sts(old).assumeRole(b -> b.roleArn(roleArn).roleSessionName("before"));
    admin.deleteAccessKey(b -> b.userName("phoenix").accessKeyId(old.accessKeyId()));
    admin.deleteUser(b -> b.userName("phoenix"));

    AwsBasicCredentials reborn = userKey("phoenix");

    denied(() -> sts(reborn).assumeRole(b -> b.roleArn(roleArn).roleSessionName("after")));
    admin.updateAssumeRolePolicy(b -> b.roleName("phoenix-role").policyDocument(
        trust("\"AWS\":\"" + userArn("phoenix") + "\"", "")));
    assertThat(sts(reborn).assumeRole(b -> b.roleArn(roleArn).roleSessionName("saved-again"))
        .credentials().accessKeyId()).startsWith("ASIA");
  }

  @Test
  void renamedUser_isStillTrustedUnderItsNewName() {
    AwsBasicCredentials ren = userKey("ren");
    String roleArn = role("ren-role", trust("\"AWS\":\"" + userArn("ren") + "\"", ""));
    admin.updateUser(b -> b.userName("ren").newUserName("ren2").newPath("/moved/"));

    assertThat(sts(ren).assumeRole(b -> b.roleArn(roleArn).roleSessionName("after-rename"))
        .credentials().accessKeyId()).startsWith("ASIA");
  }

  @Test
  void deletedPrincipal_writtenWithEscapedSlashes_isNoLongerTrustedEither() {
    AwsBasicCredentials old = userKey("esc");
    String escaped = userArn("esc").replace("/", "\\/");
    String roleArn = role("esc-role", trust("\"AWS\":\"" + escaped + "\"", ""));
    sts(old).assumeRole(b -> b.roleArn(roleArn).roleSessionName("before"));
    admin.deleteAccessKey(b -> b.userName("esc").accessKeyId(old.accessKeyId()));
    admin.deleteUser(b -> b.userName("esc"));

    AwsBasicCredentials reborn = userKey("esc");

    denied(() -> sts(reborn).assumeRole(b -> b.roleArn(roleArn).roleSessionName("after")));
  }

  @Test
  void externalIdCondition_mustMatch() {
    AwsBasicCredentials dan = userKey("dan");
    String roleArn = role("dan-role", trust("\"AWS\":\"" + userArn("dan") + "\"",
        ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"ext-7781\"}}"));

    denied(() -> sts(dan).assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1")));
    denied(() -> sts(dan).assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1")
        .externalId("ext-0000")));
    assertThat(sts(dan).assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1")
        .externalId("ext-7781")).credentials().accessKeyId()).startsWith("ASIA");
  }

  @Test
  void roleSession_actsWithTheRolesPolicies_inTheSessionsName() {
    Credentials c = assumeOwnRole("eve", READ_ONLY, b -> { });
    IamClient session = iam(c);

    assertThat(session.listUsers().users()).isNotEmpty();
    String message = denied(() -> session.createUser(b -> b.userName("eve-made")));
    assertThat(message).startsWith("User: arn:aws:sts::" + SERVER.accountId()
        + ":assumed-role/eve-role/eve-session is not authorized to perform: iam:CreateUser");
  }

  @Test
  void sessionPolicy_narrowsTheRolesPermissions() {
    Credentials inline = assumeOwnRole("fay", READ_ONLY, b -> b.policy(
        policy("Allow", "iam:GetUser", "*")));
    assertThat(iam(inline).getUser(b -> b.userName("fay")).user().userName()).isEqualTo("fay");
    assertThat(denied(() -> iam(inline).listUsers()))
        .contains("because no session policy allows the iam:ListUsers action");

    Credentials managed = assumeOwnRole("gus", READ_ONLY, b -> b.policyArns(p -> p.arn(
        "arn:aws:iam::aws:policy/IAMUserChangePassword")));
    denied(() -> iam(managed).listUsers());
  }

  @Test
  void sessionTags_becomePrincipalTags() {
    admin.createUser(b -> b.userName("hal-blue").tags(t -> t.key("team").value("blue")));
    admin.createUser(b -> b.userName("hal-red").tags(t -> t.key("team").value("red")));
    String grant = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
        + "{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}}]}";
    Credentials c = assumeOwnRole("hal", null, b -> b.tags(t -> t.key("team").value("blue")));
    admin.putRolePolicy(b -> b.roleName("hal-role").policyName("same-team")
        .policyDocument(grant));

    assertThat(iam(c).getUser(b -> b.userName("hal-blue")).user().userName())
        .isEqualTo("hal-blue");
    denied(() -> iam(c).getUser(b -> b.userName("hal-red")));
  }

  @Test
  void sessionTags_needTagSessionInTheTrustPolicy() {
    AwsBasicCredentials ida = userKey("ida");
    String roleArn = role("ida-role", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Principal\":{\"AWS\":\"" + userArn("ida") + "\"},\"Action\":"
        + "\"sts:AssumeRole\"}]}");

    sts(ida).assumeRole(b -> b.roleArn(roleArn).roleSessionName("plain"));
    assertThat(denied(() -> sts(ida).assumeRole(b -> b.roleArn(roleArn)
        .roleSessionName("tagged").tags(t -> t.key("k").value("v")))))
        .contains("sts:TagSession");
  }

  @Test
  void multiFactorAuthPresent_deniesSessionsWithoutMfa_andAllowsThoseWithIt() {
    AwsBasicCredentials jo = userKey("jo");
    VirtualMFADevice device = admin.createVirtualMFADevice(b -> b.virtualMFADeviceName("jo-mfa"))
        .virtualMFADevice();
    byte[] seed = Base32.decode(device.base32StringSeed().asUtf8String());
    long step = Totp.step(CLOCK.instant());
    admin.enableMFADevice(b -> b.userName("jo").serialNumber(device.serialNumber())
        .authenticationCode1(Totp.code(seed, step - 1)).authenticationCode2(Totp.code(seed,
            step)));
    String roleArn = role("jo-role", trust("\"AWS\":\"" + userArn("jo") + "\"", ""));
    admin.attachRolePolicy(b -> b.roleName("jo-role").policyArn(READ_ONLY));
    admin.putRolePolicy(b -> b.roleName("jo-role").policyName("require-mfa").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
        + "\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":"
        + "{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}"));

    Credentials withoutMfa = sts(jo).assumeRole(b -> b.roleArn(roleArn).roleSessionName("no-mfa"))
        .credentials();
    assertThat(denied(() -> iam(withoutMfa).listUsers()))
        .contains("with an explicit deny in an identity-based policy");

    CLOCK.advance(Duration.ofSeconds(60));
    String code = Totp.code(seed, Totp.step(CLOCK.instant()));
    Credentials withMfa = sts(jo).assumeRole(b -> b.roleArn(roleArn).roleSessionName("with-mfa")
        .serialNumber(device.serialNumber()).tokenCode(code)).credentials();
    assertThat(iam(withMfa).listUsers().users()).isNotEmpty();
  }

  @Test
  void federatedUserSession_mayCallNoIamOperation() {
    AwsBasicCredentials kit = userKey("kit");
    SERVER.allow("kit", "sts:GetFederationToken", "iam:*");
    Credentials c = sts(kit).getFederationToken(b -> b.name("kit-fed")
        .policy(policy("Allow", "*", "*"))).credentials();

    assertThat(sts(c).getCallerIdentity().arn()).endsWith(":federated-user/kit-fed");
    denied(() -> iam(c).listUsers());
  }

  @Test
  void deletingTheRole_deniesItsSessionsOnTheNextRequest() {
    Credentials c = assumeOwnRole("lou", READ_ONLY, b -> { });
    assertThat(iam(c).listUsers().users()).isNotEmpty();

    admin.detachRolePolicy(b -> b.roleName("lou-role").policyArn(READ_ONLY));
    admin.deleteRole(b -> b.roleName("lou-role"));

    denied(() -> iam(c).listUsers());
  }

  @Test
  void assumeRoleWithAnMfaCode_satisfiesATrustPolicyThatRequiresMfa() {
    AwsBasicCredentials mo = userKey("mo");
    Mfa device = mfaFor("mo");
    String roleArn = role("mo-role", trust("\"AWS\":\"" + userArn("mo") + "\"",
        ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}"));

    denied(() -> sts(mo).assumeRole(b -> b.roleArn(roleArn).roleSessionName("no-code")));
    CLOCK.advance(Duration.ofSeconds(60));
    String code = device.code();
    Credentials c = sts(mo).assumeRole(b -> b.roleArn(roleArn).roleSessionName("with-code")
        .serialNumber(device.serial()).tokenCode(code)).credentials();
    assertThat(sts(c).getCallerIdentity().arn()).endsWith(":assumed-role/mo-role/with-code");
  }

  @Test
  void tagSession_isEvaluatedWithAssumeRolesKeys_suchAsTheExternalId() {
    AwsBasicCredentials ext = userKey("ext");
    String roleArn = role("ext-role", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Principal\":{\"AWS\":\"" + userArn("ext") + "\"},\"Action\":"
        + "[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":"
        + "{\"sts:ExternalId\":\"x-1\"}}}]}");

    Credentials c = sts(ext).assumeRole(b -> b.roleArn(roleArn).roleSessionName("tagged")
        .externalId("x-1").tags(t -> t.key("k").value("v"))).credentials();
    assertThat(c.accessKeyId()).startsWith("ASIA");
  }

  @Test
  void deletedUser_sessionTokensStopWorking() {
    AwsBasicCredentials dee = userKey("dee");
    String roleArn = role("dee-role", trust("\"AWS\":\"" + userArn("dee") + "\"", ""));
    Credentials st = sts(dee).getSessionToken().credentials();
    admin.deleteAccessKey(b -> b.userName("dee").accessKeyId(dee.accessKeyId()));
    admin.deleteUser(b -> b.userName("dee"));

    assertThatThrownBy(() -> sts(st).assumeRole(b -> b.roleArn(roleArn)
        .roleSessionName("after"))).isInstanceOfSatisfying(AwsServiceException.class, e ->
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
  }

  @Test
  void renamedUser_sessionActsAsTheUserUnderItsNewName_notAsTheNewHolderOfTheOldOne() {
    AwsBasicCredentials al = userKey("al");
    Mfa device = mfaFor("al");
    admin.putUserPolicy(b -> b.userName("al").policyName("self").policyDocument(
        policy("Allow", "iam:CreateAccessKey", "arn:aws:iam::*:user/${aws:username}")));
    CLOCK.advance(Duration.ofSeconds(60));
    String code = device.code();
    Credentials st = sts(al).getSessionToken(b -> b.serialNumber(device.serial())
        .tokenCode(code)).credentials();
    admin.updateUser(b -> b.userName("al").newUserName("al-old"));
    admin.createUser(b -> b.userName("al"));

    assertThat(iam(st).createAccessKey().accessKey().userName()).isEqualTo("al-old");
    assertThat(admin.listAccessKeys(b -> b.userName("al")).accessKeyMetadata()).isEmpty();
  }

  @Test
  void deletedManagedSessionPolicy_leavesTheSessionAllowedNothing() {
    String narrow = admin.createPolicy(b -> b.policyName("narrow").policyDocument(
        policy("Allow", "iam:ListUsers", "*"))).policy().arn();
    Credentials c = assumeOwnRole("sam", READ_ONLY, b -> b.policyArns(p -> p.arn(narrow)));
    assertThat(iam(c).listUsers().users()).isNotEmpty();
    denied(() -> iam(c).listRoles());

    admin.deletePolicy(b -> b.policyArn(narrow));

    denied(() -> iam(c).listUsers());
    denied(() -> iam(c).listRoles());
  }

  @Test
  void roleSession_callingAUserOperationWithoutUserName_isValidationError() {
    Credentials c = assumeOwnRole("rsu", "arn:aws:iam::aws:policy/AdministratorAccess",
        b -> { });

    assertThatThrownBy(() -> iam(c).getUser()).isInstanceOfSatisfying(
        AwsServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Must specify userName when calling with non-User credentials");
        });
  }

  @Test
  void mfaCodes_areRefusedForAWhileAfterFiveWrongGuesses() {
    AwsBasicCredentials guesser = userKey("guesser");
    Mfa device = mfaFor("guesser");
    CLOCK.advance(Duration.ofSeconds(60));
    for (int i = 0; i < 5; i++) {
      int n = i;
      denied(() -> sts(guesser).getSessionToken(b -> b.serialNumber(device.serial())
          .tokenCode(String.format("%06d", n))));
    }
    String right = device.code();
    denied(() -> sts(guesser).getSessionToken(b -> b.serialNumber(device.serial())
        .tokenCode(right)));
    denied(() -> sts(guesser).getSessionToken(b -> b.serialNumber(device.serial()
        .toUpperCase(java.util.Locale.ROOT)).tokenCode(right)));
  }

  @Test
  void anotherUsersWrongGuesses_doNotLockTheOwnerOut() {
    AwsBasicCredentials owner = userKey("owner");
    AwsBasicCredentials mallory = userKey("mallory");
    Mfa device = mfaFor("owner");
    CLOCK.advance(Duration.ofSeconds(60));
    for (int i = 0; i < 6; i++) {
      int n = i;
      denied(() -> sts(mallory).getSessionToken(b -> b.serialNumber(device.serial())
          .tokenCode(String.format("%06d", n))));
    }
    String right = device.code();
    assertThat(sts(owner).getSessionToken(b -> b.serialNumber(device.serial())
        .tokenCode(right)).credentials().accessKeyId()).startsWith("ASIA");
  }

  /** A virtual MFA device enabled for a user, with its codes computed at the server's time. */
  private record Mfa(String serial, byte[] seed) {
    String code() {
      return Totp.code(seed, Totp.step(CLOCK.instant()));
    }
  }

  private Mfa mfaFor(String user) {
    VirtualMFADevice device = admin.createVirtualMFADevice(b -> b.virtualMFADeviceName(
        user + "-mfa")).virtualMFADevice();
    byte[] seed = Base32.decode(device.base32StringSeed().asUtf8String());
    long step = Totp.step(CLOCK.instant());
    admin.enableMFADevice(b -> b.userName(user).serialNumber(device.serialNumber())
        .authenticationCode1(Totp.code(seed, step - 1)).authenticationCode2(Totp.code(seed,
            step)));
    return new Mfa(device.serialNumber(), seed);
  }

  /**
   * A user NAME, a role NAME-role that trusts it (with session tags) and has {@code policy}
   * attached (unless null), and credentials of the session NAME-session.
   */
  private Credentials assumeOwnRole(String name, String policyArn,
      java.util.function.Consumer<AssumeRoleRequest.Builder> extra) {
    AwsBasicCredentials user = userKey(name);
    String roleArn = role(name + "-role", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn(name) + "\"},\"Action\":"
        + "[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
    if (policyArn != null) {
      admin.attachRolePolicy(b -> b.roleName(name + "-role").policyArn(policyArn));
    }
    return sts(user).assumeRole(b -> {
      b.roleArn(roleArn).roleSessionName(name + "-session");
      extra.accept(b);
    }).credentials();
  }

  private String role(String name, String trust) {
    return admin.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
  }

  private static String trust(String principal, String condition) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
        + principal + "},\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
  }

  private AwsBasicCredentials userKey(String name) {
    admin.createUser(b -> b.userName(name));
    AccessKey key = admin.createAccessKey(b -> b.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  private static String userArn(String name) {
    return "arn:aws:iam::" + SERVER.accountId() + ":user/" + name;
  }

  private static StsClient sts(AwsBasicCredentials c) {
    return SERVER.sts(c);
  }

  private static StsClient sts(Credentials c) {
    return SERVER.sts(session(c));
  }

  private static IamClient iam(Credentials c) {
    return SERVER.iam(session(c));
  }

  private static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }
}
