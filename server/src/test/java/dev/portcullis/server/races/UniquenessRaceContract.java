package dev.portcullis.server.races;

import static dev.portcullis.server.races.Race.REQUESTS;
import static dev.portcullis.server.races.Race.assertAnswers;
import static dev.portcullis.server.races.Race.successes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.mfa.Totp;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * What IAM allows once stays once when {@value Race#REQUESTS} requests race for it: a name (in
 * any case), a login profile per user, an account alias, an MFA device's user. One request
 * succeeds, the others answer EntityAlreadyExists; the state is checked in SQL afterwards.
 */
abstract class UniquenessRaceContract extends RaceContract {
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
  void changePassword_whenTwentyRaceWithOneOldPassword_changesItOnce() throws Exception {
    rounds(r -> {
      String old = "Old-Horse" + r;
      admin().createLoginProfile(b -> b.userName("admin").password(old));
      try {
        var outcomes = Race.run(REQUESTS, i -> nodes.iam(i).changePassword(b -> b
            .oldPassword(old).newPassword("New-Horse-" + i)));

        // Each checks the old password outside its write (hashing is slow); a write that finds
        // the password changed meanwhile runs again and finds the old password incorrect.
        assertAnswers(outcomes, "InvalidUserType 400");
        assertThat(successes(outcomes)).isEqualTo(1);
      } finally {
        admin().deleteLoginProfile(b -> b.userName("admin"));
      }
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
}
