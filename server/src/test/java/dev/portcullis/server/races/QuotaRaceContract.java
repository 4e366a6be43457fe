package dev.portcullis.server.races;

import static dev.portcullis.server.races.Race.REQUESTS;
import static dev.portcullis.server.races.Race.assertAnswers;
import static dev.portcullis.server.races.Race.successes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Every IAM quota and uniqueness rule holds when {@value Race#REQUESTS} requests race for it,
 * spread over every node; the invariant is checked in SQL afterwards, and every request is
 * answered with success or the AWS error of the rule, never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuotaRaceContract {
  static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
  RaceNodes nodes;

  abstract RaceNodes open() throws Exception;

  @BeforeAll
  void start() throws Exception {
    nodes = open();
  }

  @AfterAll
  void stop() throws Exception {
    nodes.close();
  }

  IamClient admin() {
    return nodes.iam(0);
  }

  String userId(String name) {
    return admin().getUser(b -> b.userName(name)).user().userId();
  }

  String policyArn(String name) {
    return "arn:aws:iam::" + nodes.accountId() + ":policy/" + name;
  }

  @Test
  void createAccessKey_whenTwentyRaceForOneUser_leavesAtMostTwoKeys() throws Exception {
    admin().createUser(b -> b.userName("keys"));
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createAccessKey(b -> b.userName("keys")));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM access_keys WHERE user_id = ?",
        userId("keys"))).isEqualTo(2).isEqualTo(successes(outcomes));
  }

  @Test
  void createPolicyVersion_whenTwentyRace_leavesAtMostFiveVersions() throws Exception {
    admin().createPolicy(b -> b.policyName("versions").policyDocument(POLICY));
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createPolicyVersion(b -> b
        .policyArn(policyArn("versions")).policyDocument(POLICY).setAsDefault(i % 2 == 0)));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM policy_versions v JOIN policies p "
        + "ON p.policy_id = v.policy_id WHERE p.name_key = 'versions'")).isEqualTo(5);
    assertThat(successes(outcomes)).isEqualTo(4);
    assertThat(defaultlessPolicies()).isZero();
  }

  @Test
  void setDefaultPolicyVersion_whenRacingDeletePolicyVersion_alwaysLeavesADefault()
      throws Exception {
    admin().createPolicy(b -> b.policyName("defaults").policyDocument(POLICY));
    for (int v = 2; v <= 5; v++) {
      admin().createPolicyVersion(b -> b.policyArn(policyArn("defaults")).policyDocument(POLICY));
    }
    // Versions v2..v5 are each made the default and deleted at the same time.
    var outcomes = Race.run(REQUESTS, i -> {
      String version = "v" + (2 + i / 2 % 4);
      if (i % 2 == 0) {
        nodes.iam(i).setDefaultPolicyVersion(b -> b.policyArn(policyArn("defaults"))
            .versionId(version));
      } else {
        nodes.iam(i).deletePolicyVersion(b -> b.policyArn(policyArn("defaults"))
            .versionId(version));
      }
    });

    assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404");
    assertThat(defaultlessPolicies()).isZero();
  }

  /** Customer policies whose default version does not exist. */
  private long defaultlessPolicies() {
    return nodes.count("SELECT COUNT(*) FROM policies p WHERE NOT EXISTS (SELECT 1 FROM "
        + "policy_versions v WHERE v.policy_id = p.policy_id "
        + "AND v.version_id = p.default_version_id)");
  }

  /** Twenty customer managed policies named {@code prefix}0..19, for attachment races. */
  private List<String> policies(String prefix) {
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String name = prefix + i;
      admin().createPolicy(b -> b.policyName(name).policyDocument(POLICY));
      arns.add(policyArn(name));
    }
    return arns;
  }

  @Test
  void attachUserPolicy_whenTwentyRace_attachesAtMostTen() throws Exception {
    List<String> arns = policies("for-user");
    admin().createUser(b -> b.userName("attached"));
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).attachUserPolicy(b -> b
        .userName("attached").policyArn(arns.get(i))));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM policy_attachments WHERE principal_id = ?",
        userId("attached"))).isEqualTo(10).isEqualTo(successes(outcomes));
  }

  @Test
  void attachGroupPolicy_whenTwentyRace_attachesAtMostTen() throws Exception {
    List<String> arns = policies("for-group");
    String groupId = admin().createGroup(b -> b.groupName("attached")).group().groupId();
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).attachGroupPolicy(b -> b
        .groupName("attached").policyArn(arns.get(i))));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM policy_attachments WHERE principal_id = ?",
        groupId)).isEqualTo(10).isEqualTo(successes(outcomes));
  }

  @Test
  void attachRolePolicy_whenTwentyRace_attachesAtMostTen() throws Exception {
    List<String> arns = policies("for-role");
    String roleId = admin().createRole(b -> b.roleName("attached")
        .assumeRolePolicyDocument(trust())).role().roleId();
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).attachRolePolicy(b -> b
        .roleName("attached").policyArn(arns.get(i))));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM policy_attachments WHERE principal_id = ?",
        roleId)).isEqualTo(10).isEqualTo(successes(outcomes));
  }

  static String trust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  @Test
  void addUserToGroup_whenTwentyGroupsRace_leavesAtMostTenGroups() throws Exception {
    admin().createUser(b -> b.userName("joiner"));
    for (int i = 0; i < REQUESTS; i++) {
      String name = "club" + i;
      admin().createGroup(b -> b.groupName(name));
    }
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).addUserToGroup(b -> b
        .userName("joiner").groupName("club" + i)));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM group_members WHERE user_id = ?",
        userId("joiner"))).isEqualTo(10).isEqualTo(successes(outcomes));
  }

  @Test
  void enableMfaDevice_whenTwentyUsersRaceForOneDevice_enablesItForOneUser() throws Exception {
    VirtualMFADevice device = admin().createVirtualMFADevice(b -> b
        .virtualMFADeviceName("shared")).virtualMFADevice();
    for (int i = 0; i < REQUESTS; i++) {
      String name = "mfa-user" + i;
      admin().createUser(b -> b.userName(name));
    }
    long step = safeStep();
    byte[] seed = seed(device);
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).enableMFADevice(b -> b
        .userName("mfa-user" + i).serialNumber(device.serialNumber())
        .authenticationCode1(Totp.code(seed, step - 1)).authenticationCode2(Totp.code(seed, step))));

    assertAnswers(outcomes, "EntityAlreadyExists 409");
    assertThat(successes(outcomes)).isEqualTo(1);
    assertThat(nodes.count("SELECT COUNT(*) FROM mfa_devices WHERE serial_number = ? "
        + "AND user_id IS NOT NULL", device.serialNumber())).isEqualTo(1);
  }

  @Test
  void enableMfaDevice_whenTwentyDevicesRaceForOneUser_enablesAtMostEight() throws Exception {
    admin().createUser(b -> b.userName("many-mfa"));
    List<VirtualMFADevice> devices = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String name = "token" + i;
      devices.add(admin().createVirtualMFADevice(b -> b.virtualMFADeviceName(name))
          .virtualMFADevice());
    }
    long step = safeStep();
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).enableMFADevice(b -> b
        .userName("many-mfa").serialNumber(devices.get(i).serialNumber())
        .authenticationCode1(Totp.code(seed(devices.get(i)), step - 1))
        .authenticationCode2(Totp.code(seed(devices.get(i)), step))));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM mfa_devices WHERE user_id = ?",
        userId("many-mfa"))).isEqualTo(8).isEqualTo(successes(outcomes));
  }

  private static byte[] seed(VirtualMFADevice device) {
    return Base32.decode(device.base32StringSeed().asUtf8String());
  }

  /** The current TOTP step, waiting first if it is about to end (codes stay valid meanwhile). */
  private static long safeStep() throws InterruptedException {
    long second = Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
    if (second >= Totp.STEP_SECONDS - 5) {
      Thread.sleep((Totp.STEP_SECONDS - second + 1) * 1000);
    }
    return Totp.step(Instant.now());
  }

  @Test
  void createEntities_whenTwentyRaceForOneName_createOneOfEachKind() throws Exception {
    record Kind(String table, java.util.function.BiConsumer<IamClient, String> create) {}
    List<Kind> kinds = List.of(
        new Kind("users", (iam, n) -> iam.createUser(b -> b.userName(n))),
        new Kind("iam_groups", (iam, n) -> iam.createGroup(b -> b.groupName(n))),
        new Kind("roles", (iam, n) -> iam.createRole(b -> b.roleName(n)
            .assumeRolePolicyDocument(trust()))),
        new Kind("policies", (iam, n) -> iam.createPolicy(b -> b.policyName(n)
            .policyDocument(POLICY))),
        new Kind("instance_profiles", (iam, n) -> iam.createInstanceProfile(b -> b
            .instanceProfileName(n))));
    for (Kind kind : kinds) {
      // The same name in different cases: IAM names are unique whatever their case.
      var outcomes = Race.run(REQUESTS, i -> kind.create().accept(nodes.iam(i),
          i % 2 == 0 ? "Twin" : "tWIN"));

      assertAnswers(outcomes, "EntityAlreadyExists 409");
      assertThat(successes(outcomes)).as(kind.table()).isEqualTo(1);
      assertThat(nodes.count("SELECT COUNT(*) FROM " + kind.table()
          + " WHERE name_key = 'twin'")).as(kind.table()).isEqualTo(1);
    }
  }

  @Test
  void addRoleToInstanceProfile_whenTwentyRolesRace_addsOne() throws Exception {
    admin().createInstanceProfile(b -> b.instanceProfileName("single"));
    for (int i = 0; i < REQUESTS; i++) {
      String name = "candidate" + i;
      admin().createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust()));
    }
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).addRoleToInstanceProfile(b -> b
        .instanceProfileName("single").roleName("candidate" + i)));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM instance_profile_roles r JOIN "
        + "instance_profiles p ON p.instance_profile_id = r.instance_profile_id "
        + "WHERE p.name_key = 'single'")).isEqualTo(1).isEqualTo(successes(outcomes));
  }

  @Test
  void createLoginProfile_whenTwentyRace_createsOne() throws Exception {
    admin().createUser(b -> b.userName("console"));
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createLoginProfile(b -> b
        .userName("console").password("Correct-Horse-" + i)));

    assertAnswers(outcomes, "EntityAlreadyExists 409");
    assertThat(successes(outcomes)).isEqualTo(1);
    assertThat(nodes.count("SELECT COUNT(*) FROM login_profiles WHERE user_id = ?",
        userId("console"))).isEqualTo(1);
  }

  @Test
  void tagUser_whenTwentyRace_leavesAtMostFiftyTags() throws Exception {
    admin().createUser(b -> b.userName("tagged"));
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).tagUser(b -> b.userName("tagged")
        .tags(List.of(0, 1, 2, 3, 4).stream().map(t -> software.amazon.awssdk.services.iam
            .model.Tag.builder().key("k" + i + "-" + t).value("v").build()).toList())));

    assertAnswers(outcomes, "LimitExceeded 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM tags WHERE resource_id = ?",
        userId("tagged"))).isEqualTo(50).isEqualTo(5 * successes(outcomes));
  }

  @Test
  void putUserPolicy_whenTwentyRace_keepsTheInlineSizeQuota() throws Exception {
    admin().createUser(b -> b.userName("inline"));
    // 20 policies of about 300 characters each against the user quota of 2,048.
    String padded = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + "b".repeat(200) + "\"}]}";
    var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).putUserPolicy(b -> b.userName("inline")
        .policyName("p" + i).policyDocument(padded)));

    assertAnswers(outcomes, "LimitExceeded 409");
    long stored = nodes.count("SELECT COUNT(*) FROM inline_policies WHERE principal_id = ?",
        userId("inline"));
    assertThat(stored * padded.length()).isLessThanOrEqualTo(2048);
    assertThat(stored).isEqualTo(successes(outcomes)).isEqualTo(2048 / padded.length());
  }
}
