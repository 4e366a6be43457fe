package dev.portcullis.server.races;

import static dev.portcullis.server.races.Race.REQUESTS;
import static dev.portcullis.server.races.Race.assertAnswers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Deleting an entity while other requests add to it answers AWS errors (DeleteConflict,
 * NoSuchEntity, ...), never a 500, and leaves nothing that refers to a deleted entity. Half of
 * the {@value Race#REQUESTS} racing requests delete, half add.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConflictingWritesContract {
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

  @Test
  void deleteUser_whileCreateAccessKeyRuns_answersAwsErrors() throws Exception {
    admin().createUser(b -> b.userName("leaving"));
    var outcomes = Race.run(REQUESTS, i -> {
      if (i % 2 == 0) {
        nodes.iam(i).deleteUser(b -> b.userName("leaving"));
      } else {
        nodes.iam(i).createAccessKey(b -> b.userName("leaving"));
      }
    });

    assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404", "LimitExceeded 409",
        "ConcurrentModification 409");
    assertThat(nodes.count("SELECT COUNT(*) FROM access_keys k WHERE NOT EXISTS "
        + "(SELECT 1 FROM users u WHERE u.user_id = k.user_id)")).isZero();
  }

  @Test
  void deleteGroup_whileAddUserToGroupRuns_answersAwsErrors() throws Exception {
    admin().createGroup(b -> b.groupName("closing"));
    for (int i = 0; i < REQUESTS; i++) {
      String name = "member" + i;
      admin().createUser(b -> b.userName(name));
    }
    var outcomes = Race.run(REQUESTS, i -> {
      if (i % 2 == 0) {
        nodes.iam(i).deleteGroup(b -> b.groupName("closing"));
      } else {
        nodes.iam(i).addUserToGroup(b -> b.groupName("closing").userName("member" + i));
      }
    });

    assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404",
        "ConcurrentModification 409");
  }

  @Test
  void deletePolicy_whileAttachUserPolicyRuns_leavesNoAttachmentToIt() throws Exception {
    admin().createPolicy(b -> b.policyName("retiring").policyDocument(QuotaRaceContract.POLICY));
    String arn = "arn:aws:iam::" + nodes.accountId() + ":policy/retiring";
    for (int i = 0; i < REQUESTS; i++) {
      String name = "holder" + i;
      admin().createUser(b -> b.userName(name));
    }
    var outcomes = Race.run(REQUESTS, i -> {
      if (i % 2 == 0) {
        nodes.iam(i).deletePolicy(b -> b.policyArn(arn));
      } else {
        nodes.iam(i).attachUserPolicy(b -> b.userName("holder" + i).policyArn(arn));
      }
    });

    assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404",
        "ConcurrentModification 409");
    long policies = nodes.count("SELECT COUNT(*) FROM policies WHERE name_key = 'retiring'");
    long attachments = nodes.count("SELECT COUNT(*) FROM policy_attachments "
        + "WHERE policy_arn = ?", arn);
    assertThat(policies == 1 || attachments == 0)
        .as("%d attachments to a deleted policy", attachments).isTrue();
  }

  @Test
  void deleteRole_whileAddRoleToInstanceProfileRuns_answersAwsErrors() throws Exception {
    admin().createRole(b -> b.roleName("vanishing")
        .assumeRolePolicyDocument(QuotaRaceContract.trust()));
    for (int i = 0; i < REQUESTS; i++) {
      String name = "profile" + i;
      admin().createInstanceProfile(b -> b.instanceProfileName(name));
    }
    var outcomes = Race.run(REQUESTS, i -> {
      if (i % 2 == 0) {
        nodes.iam(i).deleteRole(b -> b.roleName("vanishing"));
      } else {
        nodes.iam(i).addRoleToInstanceProfile(b -> b.instanceProfileName("profile" + i)
            .roleName("vanishing"));
      }
    });

    assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404",
        "ConcurrentModification 409");
  }

  @Test
  void deleteUser_whileEnableMfaDeviceRuns_answersAwsErrors() throws Exception {
    admin().createUser(b -> b.userName("unsure"));
    VirtualMFADevice[] devices = new VirtualMFADevice[REQUESTS];
    for (int i = 1; i < REQUESTS; i += 2) {
      String name = "unsure" + i;
      devices[i] = admin().createVirtualMFADevice(b -> b.virtualMFADeviceName(name))
          .virtualMFADevice();
    }
    long second = Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
    if (second >= Totp.STEP_SECONDS - 5) {
      Thread.sleep((Totp.STEP_SECONDS - second + 1) * 1000);
    }
    long step = Totp.step(Instant.now());
    var outcomes = Race.run(REQUESTS, i -> {
      if (i % 2 == 0) {
        nodes.iam(i).deleteUser(b -> b.userName("unsure"));
      } else {
        byte[] seed = Base32.decode(devices[i].base32StringSeed().asUtf8String());
        nodes.iam(i).enableMFADevice(b -> b.userName("unsure")
            .serialNumber(devices[i].serialNumber())
            .authenticationCode1(Totp.code(seed, step - 1))
            .authenticationCode2(Totp.code(seed, step)));
      }
    });

    assertAnswers(outcomes, "DeleteConflict 409", "NoSuchEntity 404", "LimitExceeded 409",
        "ConcurrentModification 409");
  }
}
