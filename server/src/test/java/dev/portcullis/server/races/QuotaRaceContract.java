package dev.portcullis.server.races;

import static dev.portcullis.server.races.Race.REQUESTS;
import static dev.portcullis.server.races.Race.assertAnswers;
import static dev.portcullis.server.races.Race.successes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.MfaDevices;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.iam.ops.GroupOperations;
import dev.portcullis.iam.ops.Tagging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;
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
  /** Races per test on PostgreSQL. */
  static final int ROUNDS = 3;
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

  /** One race of a test, on entities named with {@code suffix} (fresh in each round). */
  @FunctionalInterface
  interface Round {
    void run(String suffix) throws Exception;
  }

  /** Runs {@value #ROUNDS} rounds on PostgreSQL: one race may miss the window it aims at. */
  void rounds(Round round) throws Exception {
    for (int r = 0; r < nodes.rounds(ROUNDS); r++) {
      round.run("-" + r);
    }
  }

  @Test
  void createAccessKey_whenTwentyRaceForOneUser_leavesAtMostTwoKeys() throws Exception {
    rounds(r -> {
      String user = "keys" + r;
      admin().createUser(b -> b.userName(user));
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createAccessKey(b -> b.userName(user)));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM access_keys WHERE user_id = ?",
          userId(user))).isEqualTo(2).isEqualTo(successes(outcomes));
    });
  }

  @Test
  void createPolicyVersion_whenTwentyRace_leavesAtMostFiveVersions() throws Exception {
    rounds(r -> {
      String name = "versions" + r;
      admin().createPolicy(b -> b.policyName(name).policyDocument(POLICY));
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createPolicyVersion(b -> b
          .policyArn(policyArn(name)).policyDocument(POLICY).setAsDefault(i % 2 == 0)));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM policy_versions v JOIN policies p "
          + "ON p.policy_id = v.policy_id WHERE p.name_key = ?", name)).isEqualTo(5);
      assertThat(successes(outcomes)).isEqualTo(4);
      assertThat(defaultlessPolicies()).isZero();
    });
  }

  @Test
  void setDefaultPolicyVersion_whenRacingDeletePolicyVersion_alwaysLeavesADefault()
      throws Exception {
    rounds(r -> {
      String arn = policyArn("defaults" + r);
      admin().createPolicy(b -> b.policyName("defaults" + r).policyDocument(POLICY));
      for (int v = 2; v <= 5; v++) {
        admin().createPolicyVersion(b -> b.policyArn(arn).policyDocument(POLICY));
      }
      // Versions v2..v5 are each made the default and deleted at the same time.
      var outcomes = Race.run(REQUESTS, i -> {
        String version = "v" + (2 + i / 2 % 4);
        if (i % 2 == 0) {
          nodes.iam(i).setDefaultPolicyVersion(b -> b.policyArn(arn).versionId(version));
        } else {
          nodes.iam(i).deletePolicyVersion(b -> b.policyArn(arn).versionId(version));
        }
      });

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404");
      assertThat(defaultlessPolicies()).isZero();
    });
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

  private long attachedTo(String principalId) {
    return nodes.count("SELECT COUNT(*) FROM policy_attachments WHERE principal_id = ?",
        principalId);
  }

  @Test
  void attachUserPolicy_whenTwentyRace_attachesAtMostTen() throws Exception {
    List<String> arns = policies("for-user");
    rounds(r -> {
      String user = "attached" + r;
      admin().createUser(b -> b.userName(user));
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).attachUserPolicy(b -> b
          .userName(user).policyArn(arns.get(i))));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(attachedTo(userId(user))).isEqualTo(10).isEqualTo(successes(outcomes));
    });
  }

  @Test
  void attachGroupPolicy_whenTwentyRace_attachesAtMostTen() throws Exception {
    List<String> arns = policies("for-group");
    rounds(r -> {
      String group = "attached" + r;
      String groupId = admin().createGroup(b -> b.groupName(group)).group().groupId();
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).attachGroupPolicy(b -> b
          .groupName(group).policyArn(arns.get(i))));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(attachedTo(groupId)).isEqualTo(10).isEqualTo(successes(outcomes));
    });
  }

  @Test
  void attachRolePolicy_whenTwentyRace_attachesAtMostTen() throws Exception {
    List<String> arns = policies("for-role");
    rounds(r -> {
      String role = "attached" + r;
      String roleId = admin().createRole(b -> b.roleName(role)
          .assumeRolePolicyDocument(trust())).role().roleId();
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).attachRolePolicy(b -> b
          .roleName(role).policyArn(arns.get(i))));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(attachedTo(roleId)).isEqualTo(10).isEqualTo(successes(outcomes));
    });
  }

  static String trust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  @Test
  void addUserToGroup_whenTwentyGroupsRace_leavesAtMostTenGroups() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      String name = "club" + i;
      admin().createGroup(b -> b.groupName(name));
    }
    rounds(r -> {
      String user = "joiner" + r;
      admin().createUser(b -> b.userName(user));
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).addUserToGroup(b -> b
          .userName(user).groupName("club" + i)));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM group_members WHERE user_id = ?",
          userId(user))).isEqualTo(10).isEqualTo(successes(outcomes));
    });
  }

  @Test
  void enableMfaDevice_whenTwentyUsersRaceForOneDevice_enablesItForOneUser() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      String name = "mfa-user" + i;
      admin().createUser(b -> b.userName(name));
    }
    rounds(r -> {
      VirtualMFADevice device = admin().createVirtualMFADevice(b -> b
          .virtualMFADeviceName("shared" + r)).virtualMFADevice();
      byte[] seed = seed(device);
      long step = safeStep();
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).enableMFADevice(b -> b
          .userName("mfa-user" + i).serialNumber(device.serialNumber())
          .authenticationCode1(Totp.code(seed, step - 1))
          .authenticationCode2(Totp.code(seed, step))));

      assertAnswers(outcomes, "EntityAlreadyExists 409");
      assertThat(successes(outcomes)).isEqualTo(1);
      assertThat(nodes.count("SELECT COUNT(*) FROM mfa_devices WHERE serial_number = ? "
          + "AND user_id IS NOT NULL", device.serialNumber())).isEqualTo(1);
    });
  }

  @Test
  void enableMfaDevice_whenTwentyDevicesRaceForOneUser_enablesAtMostEight() throws Exception {
    rounds(r -> {
      String user = "many-mfa" + r;
      admin().createUser(b -> b.userName(user));
      List<VirtualMFADevice> devices = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        String name = "token" + r + "-" + i;
        devices.add(admin().createVirtualMFADevice(b -> b.virtualMFADeviceName(name))
            .virtualMFADevice());
      }
      long step = safeStep();
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).enableMFADevice(b -> b
          .userName(user).serialNumber(devices.get(i).serialNumber())
          .authenticationCode1(Totp.code(seed(devices.get(i)), step - 1))
          .authenticationCode2(Totp.code(seed(devices.get(i)), step))));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM mfa_devices WHERE user_id = ?",
          userId(user))).isEqualTo(MfaDevices.MAX_DEVICES_PER_USER)
          .isEqualTo(successes(outcomes));
    });
  }

  private static byte[] seed(VirtualMFADevice device) {
    return Base32.decode(device.base32StringSeed().asUtf8String());
  }

  /** The current TOTP step, waiting first if it is about to end (codes stay valid meanwhile). */
  static long safeStep() throws InterruptedException {
    long second = Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
    if (second >= Totp.STEP_SECONDS - 5) {
      Thread.sleep((Totp.STEP_SECONDS - second + 1) * 1000);
    }
    return Totp.step(Instant.now());
  }

  @Test
  void createEntities_whenTwentyRaceForOneName_createOneOfEachKind() throws Exception {
    record Kind(String table, BiConsumer<IamClient, String> create) {}
    List<Kind> kinds = List.of(
        new Kind("users", (iam, n) -> iam.createUser(b -> b.userName(n))),
        new Kind("iam_groups", (iam, n) -> iam.createGroup(b -> b.groupName(n))),
        new Kind("roles", (iam, n) -> iam.createRole(b -> b.roleName(n)
            .assumeRolePolicyDocument(trust()))),
        new Kind("policies", (iam, n) -> iam.createPolicy(b -> b.policyName(n)
            .policyDocument(POLICY))),
        new Kind("instance_profiles", (iam, n) -> iam.createInstanceProfile(b -> b
            .instanceProfileName(n))));
    rounds(r -> {
      for (Kind kind : kinds) {
        // The same name in different cases: IAM names are unique whatever their case.
        var outcomes = Race.run(REQUESTS, i -> kind.create().accept(nodes.iam(i),
            (i % 2 == 0 ? "Twin" : "tWIN") + r));

        assertAnswers(outcomes, "EntityAlreadyExists 409");
        assertThat(successes(outcomes)).as(kind.table()).isEqualTo(1);
        assertThat(nodes.count("SELECT COUNT(*) FROM " + kind.table() + " WHERE name_key = ?",
            "twin" + r)).as(kind.table()).isEqualTo(1);
      }
    });
  }

  @Test
  void createGroup_whenTwentyRaceForTheLastPlaces_keepsGroupsPerAccount() throws Exception {
    long existing = nodes.count("SELECT COUNT(*) FROM iam_groups");
    int filler = (int) (GroupOperations.MAX_GROUPS_PER_ACCOUNT - 5 - existing);
    // Filler groups in one transaction: 300 CreateGroup calls would make the test slow.
    nodes.store().write(tx -> {
      for (int i = 0; i < filler; i++) {
        tx.groups().insert(new Group(nodes.accountId(), "AGPAFILLER" + i, "filler" + i, "/",
            Instant.now()));
      }
      return null;
    });
    try {
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createGroup(b -> b
          .groupName("latecomer" + i)));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM iam_groups"))
          .isEqualTo(GroupOperations.MAX_GROUPS_PER_ACCOUNT);
      assertThat(successes(outcomes)).isEqualTo(5);
    } finally {
      // Other tests of this class create groups too.
      nodes.store().write(tx -> {
        for (Group g : tx.groups().list(nodes.accountId(), "/")) {
          if (g.name().startsWith("filler") || g.name().startsWith("latecomer")) {
            tx.groups().delete(nodes.accountId(), g.groupId());
          }
        }
        return null;
      });
    }
  }

  @Test
  void addRoleToInstanceProfile_whenTwentyRolesRace_addsOne() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      String name = "candidate" + i;
      admin().createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust()));
    }
    rounds(r -> {
      String profile = "single" + r;
      admin().createInstanceProfile(b -> b.instanceProfileName(profile));
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).addRoleToInstanceProfile(b -> b
          .instanceProfileName(profile).roleName("candidate" + i)));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM instance_profile_roles r JOIN "
          + "instance_profiles p ON p.instance_profile_id = r.instance_profile_id "
          + "WHERE p.name_key = ?", profile)).isEqualTo(1).isEqualTo(successes(outcomes));
    });
  }

  @Test
  void createLoginProfile_whenTwentyRace_createsOne() throws Exception {
    rounds(r -> {
      String user = "console" + r;
      admin().createUser(b -> b.userName(user));
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createLoginProfile(b -> b
          .userName(user).password("Correct-Horse-" + i)));

      assertAnswers(outcomes, "EntityAlreadyExists 409");
      assertThat(successes(outcomes)).isEqualTo(1);
      assertThat(nodes.count("SELECT COUNT(*) FROM login_profiles WHERE user_id = ?",
          userId(user))).isEqualTo(1);
    });
  }

  @Test
  void tagUser_whenTwentyRace_leavesAtMostFiftyTags() throws Exception {
    rounds(r -> {
      String user = "tagged" + r;
      admin().createUser(b -> b.userName(user));
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).tagUser(b -> b.userName(user)
          .tags(IntStream.range(0, 5).mapToObj(t -> Tag.builder().key("k" + i + "-" + t)
              .value("v").build()).toList())));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM tags WHERE resource_id = ?",
          userId(user))).isEqualTo(Tagging.MAX_TAGS).isEqualTo(5 * successes(outcomes));
    });
  }

  @Test
  void putUserPolicy_whenTwentyRace_keepsTheInlineSizeQuota() throws Exception {
    // Policies of about 300 characters each against the user quota of 2,048.
    String padded = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + "b".repeat(200) + "\"}]}";
    rounds(r -> {
      String user = "inline" + r;
      admin().createUser(b -> b.userName(user));
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).putUserPolicy(b -> b.userName(user)
          .policyName("p" + i).policyDocument(padded)));

      assertAnswers(outcomes, "LimitExceeded 409");
      long stored = nodes.count("SELECT COUNT(*) FROM inline_policies WHERE principal_id = ?",
          userId(user));
      assertThat(stored).isEqualTo(successes(outcomes)).isEqualTo(2048 / padded.length());
    });
  }

  @Test
  void createAccountAlias_whenTwentyRaceForOneAlias_createsItOnce() throws Exception {
    rounds(r -> {
      String alias = "racing-alias" + r;
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createAccountAlias(b -> b
          .accountAlias(alias)));

      assertAnswers(outcomes, "EntityAlreadyExists 409");
      assertThat(successes(outcomes)).isEqualTo(1);
      assertThat(nodes.strings("SELECT account_alias FROM accounts")).containsExactly(alias);
    });
  }
}
