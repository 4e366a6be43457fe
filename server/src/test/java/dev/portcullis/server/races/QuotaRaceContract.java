package dev.portcullis.server.races;

import static dev.portcullis.server.races.Race.REQUESTS;
import static dev.portcullis.server.races.Race.assertAnswers;
import static dev.portcullis.server.races.Race.successes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import dev.portcullis.iam.mfa.MfaDevices;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.iam.account.AccountSummary;
import dev.portcullis.iam.identities.GroupOperations;
import dev.portcullis.iam.tags.Tagging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Every IAM quota holds when {@value Race#REQUESTS} requests race for it, spread over every
 * node; the invariant is checked in SQL afterwards, and every request is answered with success
 * or LimitExceeded (or the rule's other AWS error), never a 500.
 */
abstract class QuotaRaceContract extends RaceContract {
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
      var outcomes = Race.alternating(REQUESTS,
          i -> nodes.iam(i).setDefaultPolicyVersion(b -> b.policyArn(arn).versionId(version(i))),
          i -> nodes.iam(i).deletePolicyVersion(b -> b.policyArn(arn).versionId(version(i))));

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404");
      assertThat(defaultlessPolicies()).isZero();
    });
  }

  /** The version requests {@code i} and {@code i + 1} both name: v2 to v5 in turn. */
  private static String version(int i) {
    return "v" + (2 + i / 2 % 4);
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

  @Test
  void createGroup_whenTwentyRaceForTheLastPlaces_keepsGroupsPerAccount() throws Exception {
    long existing = nodes.count("SELECT COUNT(*) FROM iam_groups");
    int filler = (int) (GroupOperations.MAX_GROUPS_PER_ACCOUNT - 5 - existing);
    // Filler groups through the API (a running SQLite node keeps the database's write lock),
    // several at a time over the nodes.
    IntStream.range(0, filler).parallel().forEach(i -> nodes.iam(i).createGroup(b -> b
        .groupName("filler" + i)));
    try {
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createGroup(b -> b
          .groupName("latecomer" + i)));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM iam_groups"))
          .isEqualTo(GroupOperations.MAX_GROUPS_PER_ACCOUNT);
      assertThat(successes(outcomes)).isEqualTo(5);
    } finally {
      // Other tests of this class create groups too.
      nodes.strings("SELECT name FROM iam_groups WHERE name LIKE 'filler%' OR name LIKE "
          + "'latecomer%'").parallelStream()
          .forEach(g -> admin().deleteGroup(b -> b.groupName(g)));
    }
  }

  @Test
  void createPolicy_whenTwentyRaceForTheLastPlaces_keepsPoliciesPerAccount() throws Exception {
    long existing = nodes.count("SELECT COUNT(*) FROM policies");
    int filler = (int) (AccountSummary.POLICIES_QUOTA - 5 - existing);
    Instant now = Instant.now();
    nodes.store().write(tx -> {
      for (int i = 0; i < filler; i++) {
        String id = "ANPAFILLER" + i;
        tx.policies().insert(new ManagedPolicy(nodes.accountId(), id, "filler" + i, "/", null,
            "v1", now, now), new PolicyVersion(id, "v1", POLICY, true, now));
      }
      return null;
    });
    try {
      var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).createPolicy(b -> b
          .policyName("latecomer" + i).policyDocument(POLICY)));

      assertAnswers(outcomes, "LimitExceeded 409");
      assertThat(nodes.count("SELECT COUNT(*) FROM policies"))
          .isEqualTo(AccountSummary.POLICIES_QUOTA);
      assertThat(successes(outcomes)).isEqualTo(5);
    } finally {
      // Other tests of this class create and attach policies too.
      nodes.store().write(tx -> {
        for (ManagedPolicy p : tx.policies().list(nodes.accountId(), "/")) {
          if (p.name().startsWith("filler") || p.name().startsWith("latecomer")) {
            tx.policies().delete(nodes.accountId(), p.policyId());
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
}
