package dev.portcullis.server.races;

import static dev.portcullis.server.races.Race.REQUESTS;
import static dev.portcullis.server.races.Race.assertAnswers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.mfa.Totp;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Deleting an entity while other requests add to it answers AWS errors (DeleteConflict,
 * NoSuchEntity, ...), never a 500, and leaves nothing that refers to a deleted entity. Half of
 * the {@value Race#REQUESTS} racing requests delete, half add.
 */
abstract class ConflictingWritesContract extends RaceContract {
  /** Races per test on PostgreSQL: a delete and an add overlap in only some of them. */
  static final int ROUNDS = 8;

  @Test
  void deleteUser_whileCreateAccessKeyRuns_answersAwsErrors() throws Exception {
    for (int round = 0; round < nodes.rounds(ROUNDS); round++) {
      String user = "leaving" + round;
      admin().createUser(b -> b.userName(user));
      var outcomes = Race.alternating(REQUESTS,
          i -> nodes.iam(i).deleteUser(b -> b.userName(user)),
            i -> nodes.iam(i).createAccessKey(b -> b.userName(user)));

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404", "LimitExceeded 409");
    }
    assertThat(nodes.count("SELECT COUNT(*) FROM access_keys k WHERE NOT EXISTS "
        + "(SELECT 1 FROM users u WHERE u.user_id = k.user_id)")).isZero();
  }

  @Test
  void deleteGroup_whileAddUserToGroupRuns_answersAwsErrors() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      String name = "member" + i;
      admin().createUser(b -> b.userName(name));
    }
    for (int round = 0; round < nodes.rounds(ROUNDS); round++) {
      String group = "closing" + round;
      admin().createGroup(b -> b.groupName(group));
      var outcomes = Race.alternating(REQUESTS,
          i -> nodes.iam(i).deleteGroup(b -> b.groupName(group)),
            i -> nodes.iam(i).addUserToGroup(b -> b.groupName(group).userName("member" + i)));

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404");
    }
    assertThat(nodes.count("SELECT COUNT(*) FROM group_members m WHERE NOT EXISTS "
        + "(SELECT 1 FROM iam_groups g WHERE g.group_id = m.group_id)")).isZero();
  }

  @Test
  void deletePolicy_whileAttachUserPolicyRuns_leavesNoAttachmentToIt() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      String name = "holder" + i;
      admin().createUser(b -> b.userName(name));
    }
    for (int round = 0; round < nodes.rounds(ROUNDS); round++) {
      String name = "retiring" + round;
      admin().createPolicy(b -> b.policyName(name).policyDocument(POLICY));
      String arn = "arn:aws:iam::" + nodes.accountId() + ":policy/" + name;
      var outcomes = Race.alternating(REQUESTS,
          i -> nodes.iam(i).deletePolicy(b -> b.policyArn(arn)),
            i -> nodes.iam(i).attachUserPolicy(b -> b.userName("holder" + i).policyArn(arn)));

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404");
      long policies = nodes.count("SELECT COUNT(*) FROM policies WHERE name_key = ?", name);
      long attachments = nodes.count("SELECT COUNT(*) FROM policy_attachments "
          + "WHERE policy_arn = ?", arn);
      assertThat(policies == 1 || attachments == 0)
          .as("%d attachments to the deleted policy %s", attachments, name).isTrue();
    }
  }

  @Test
  void deleteRole_whileAddRoleToInstanceProfileRuns_answersAwsErrors() throws Exception {
    for (int round = 0; round < nodes.rounds(ROUNDS); round++) {
      String role = "vanishing" + round;
      admin().createRole(b -> b.roleName(role)
          .assumeRolePolicyDocument(trust()));
      for (int i = 1; i < REQUESTS; i += 2) {
        String name = "profile" + round + "-" + i;
        admin().createInstanceProfile(b -> b.instanceProfileName(name));
      }
      int r = round;
      var outcomes = Race.alternating(REQUESTS,
          i -> nodes.iam(i).deleteRole(b -> b.roleName(role)),
          i -> nodes.iam(i).addRoleToInstanceProfile(b -> b
              .instanceProfileName("profile" + r + "-" + i).roleName(role)));

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404");
    }
    assertThat(nodes.count("SELECT COUNT(*) FROM instance_profile_roles p WHERE NOT EXISTS "
        + "(SELECT 1 FROM roles r WHERE r.role_id = p.role_id)")).isZero();
  }

  @Test
  void deleteUser_whileEnableMfaDeviceRuns_answersAwsErrors() throws Exception {
    for (int round = 0; round < nodes.rounds(ROUNDS); round++) {
      String user = "unsure" + round;
      admin().createUser(b -> b.userName(user));
      VirtualMFADevice[] devices = new VirtualMFADevice[REQUESTS];
      for (int i = 1; i < REQUESTS; i += 2) {
        String name = user + "-" + i;
        devices[i] = admin().createVirtualMFADevice(b -> b.virtualMFADeviceName(name))
            .virtualMFADevice();
      }
      long step = safeStep();
      var outcomes = Race.alternating(REQUESTS,
          i -> nodes.iam(i).deleteUser(b -> b.userName(user)),
          i -> {
            byte[] seed = seed(devices[i]);
            nodes.iam(i).enableMFADevice(b -> b.userName(user)
                .serialNumber(devices[i].serialNumber())
                .authenticationCode1(Totp.code(seed, step - 1))
                .authenticationCode2(Totp.code(seed, step)));
          });

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404", "LimitExceeded 409");
    }
    assertThat(nodes.count("SELECT COUNT(*) FROM mfa_devices d WHERE d.user_id IS NOT NULL "
        + "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = d.user_id)")).isZero();
  }

  @Test
  void deletePolicy_whilePutUserPermissionsBoundaryRuns_leavesNoBoundaryOnIt() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      String name = "bounded" + i;
      admin().createUser(b -> b.userName(name));
    }
    for (int round = 0; round < nodes.rounds(ROUNDS); round++) {
      String name = "fence" + round;
      admin().createPolicy(b -> b.policyName(name).policyDocument(POLICY));
      String arn = "arn:aws:iam::" + nodes.accountId() + ":policy/" + name;
      var outcomes = Race.alternating(REQUESTS,
          i -> nodes.iam(i).deletePolicy(b -> b.policyArn(arn)),
          i -> nodes.iam(i).putUserPermissionsBoundary(b -> b.userName("bounded" + i)
              .permissionsBoundary(arn)));

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404");
      long policies = nodes.count("SELECT COUNT(*) FROM policies WHERE name_key = ?", name);
      long holders = nodes.count("SELECT COUNT(*) FROM users WHERE permissions_boundary = ?",
          arn);
      assertThat(policies == 1 || holders == 0)
          .as("%d users bounded by the deleted policy %s", holders, name).isTrue();
    }
  }

  @Test
  void deleteUser_whileAddUserToGroupRuns_answersAwsErrors() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      String name = "lounge" + i;
      admin().createGroup(b -> b.groupName(name));
    }
    for (int round = 0; round < nodes.rounds(ROUNDS); round++) {
      String user = "drifter" + round;
      admin().createUser(b -> b.userName(user));
      var outcomes = Race.alternating(REQUESTS,
          i -> nodes.iam(i).deleteUser(b -> b.userName(user)),
            i -> nodes.iam(i).addUserToGroup(b -> b.groupName("lounge" + i).userName(user)));

      assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404");
    }
    assertThat(nodes.count("SELECT COUNT(*) FROM group_members m WHERE NOT EXISTS "
        + "(SELECT 1 FROM users u WHERE u.user_id = m.user_id)")).isZero();
  }
}
