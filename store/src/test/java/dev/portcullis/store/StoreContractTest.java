package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.InstanceProfile;
import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.domain.PasswordClassMinimums;
import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.Store;
import dev.portcullis.protocol.AwsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, whatever the database. Subclasses pick the database; the same
 * tests run against SQLite and PostgreSQL.
 */
abstract class StoreContractTest {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  Store store;

  abstract Store openStore();

  @BeforeEach
  void open() {
    store = openStore();
    store.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, NOW));
      return null;
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  static User user(String id, String name, String path) {
    return new User(ACCOUNT, id, name, path, NOW, null, null);
  }

  @Test
  void users_roundTripAndFindByNameIgnoresCase() {
    store.write(tx -> {
      tx.users().insert(user("AIDA1", "Alice", "/a/"));
      return null;
    });

    User found = store.read(tx -> tx.users().findByName(ACCOUNT, "alice")).orElseThrow();

    assertThat(found).isEqualTo(user("AIDA1", "Alice", "/a/"));
    assertThat(found.arn()).isEqualTo("arn:aws:iam::123456789012:user/a/Alice");
  }

  @Test
  void users_duplicateNameInAnyCase_isRejectedByTheDatabase() {
    store.write(tx -> {
      tx.users().insert(user("AIDA1", "bob", "/"));
      return null;
    });

    assertThatThrownBy(() -> store.write(tx -> {
      tx.users().insert(user("AIDA2", "BOB", "/"));
      return null;
    })).isInstanceOf(RuntimeException.class);
    assertThat(store.<Integer>read(tx -> tx.users().count(ACCOUNT))).isEqualTo(1);
  }

  @Test
  void write_thatThrows_rollsBackEverything() {
    assertThatThrownBy(() -> store.write(tx -> {
      tx.users().insert(user("AIDA1", "carol", "/"));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(store.<java.util.Optional<User>>read(tx -> tx.users().findByName(ACCOUNT, "carol"))).isEmpty();
  }

  @Test
  void users_listFiltersByPathPrefixAndOrdersByName() {
    store.write(tx -> {
      tx.users().insert(user("AIDA1", "zed", "/eng/"));
      tx.users().insert(user("AIDA2", "amy", "/eng/backend/"));
      tx.users().insert(user("AIDA3", "max", "/ops/"));
      return null;
    });

    List<String> names = store.read(tx -> tx.users().list(ACCOUNT, "/eng/")).stream()
        .map(User::name).toList();

    assertThat(names).containsExactly("amy", "zed");
  }

  @Test
  void users_updateRenamesAndMoves() {
    store.write(tx -> {
      tx.users().insert(user("AIDA1", "old", "/"));
      tx.users().update(ACCOUNT, "AIDA1", "New", "/moved/");
      return null;
    });

    User u = store.read(tx -> tx.users().findById(ACCOUNT, "AIDA1")).orElseThrow();

    assertThat(u.name()).isEqualTo("New");
    assertThat(u.path()).isEqualTo("/moved/");
  }

  @Test
  void tags_replaceKeepsOrderAndValues() {
    store.write(tx -> {
      tx.tags().replace(ACCOUNT, TaggedKind.USER, "AIDA1",
          List.of(new Tag("b", "2"), new Tag("a", "")));
      return null;
    });

    assertThat(store.<List<Tag>>read(tx -> tx.tags().list(ACCOUNT, TaggedKind.USER, "AIDA1")))
        .containsExactly(new Tag("b", "2"), new Tag("a", ""));
  }

  @Test
  void accessKeys_statusAndLastUseAreStored() {
    Instant used = NOW.plusSeconds(5);
    store.write(tx -> {
      tx.users().insert(user("AIDA1", "kim", "/"));
      tx.accessKeys().insert(new AccessKey(ACCOUNT, "AKIA1", "AIDA1", "v1:sealed",
          AccessKey.Status.Active, NOW, null));
      tx.accessKeys().setStatus("AKIA1", AccessKey.Status.Inactive);
      tx.accessKeys().recordUse("AKIA1", new AccessKey.LastUsed(used, "iam", "us-east-1"));
      return null;
    });

    AccessKey k = store.read(tx -> tx.accessKeys().find("AKIA1")).orElseThrow();

    assertThat(k.status()).isEqualTo(AccessKey.Status.Inactive);
    assertThat(k.secretSealed()).isEqualTo("v1:sealed");
    assertThat(k.lastUsed()).isEqualTo(new AccessKey.LastUsed(used, "iam", "us-east-1"));
    assertThat(store.<List<AccessKey>>read(tx -> tx.accessKeys().listForUser(ACCOUNT, "AIDA1"))).hasSize(1);
  }

  @Test
  void groups_membershipIsListedBothWays() {
    store.write(tx -> {
      tx.users().insert(user("AIDA1", "u1", "/"));
      tx.groups().insert(new Group(ACCOUNT, "AGPA1", "Readers", "/", NOW));
      tx.groups().addMember(ACCOUNT, "AGPA1", "AIDA1");
      tx.groups().addMember(ACCOUNT, "AGPA1", "AIDA1");
      return null;
    });

    assertThat(store.<List<String>>read(tx -> tx.groups().memberIds(ACCOUNT, "AGPA1")))
        .containsExactly("AIDA1");
    assertThat(store.<List<Group>>read(tx -> tx.groups().groupsOfUser(ACCOUNT, "AIDA1")))
        .extracting(Group::name).containsExactly("Readers");
  }

  @Test
  void roles_updateStoresMutableFields() {
    Role role = new Role(ACCOUNT, "AROA1", "deployer", "/", NOW, "{}", null, 3600, null, null);
    store.write(tx -> {
      tx.roles().insert(role);
      tx.roles().update(new Role(ACCOUNT, "AROA1", "deployer", "/", NOW, "{\"a\":1}", "desc",
          7200, "arn:aws:iam::aws:policy/ReadOnlyAccess",
          new Role.LastUsed(NOW, "eu-west-1")));
      return null;
    });

    Role r = store.read(tx -> tx.roles().findByName(ACCOUNT, "DEPLOYER")).orElseThrow();

    assertThat(r.assumeRolePolicy()).isEqualTo("{\"a\":1}");
    assertThat(r.maxSessionDuration()).isEqualTo(7200);
    assertThat(r.lastUsed()).isEqualTo(new Role.LastUsed(NOW, "eu-west-1"));
  }

  @Test
  void roleTrustPrincipals_areReplacedWhole_andGoWithTheRole() {
    String bob = "arn:aws:iam::" + ACCOUNT + ":user/bob";
    String ops = "arn:aws:iam::" + ACCOUNT + ":role/ops";
    store.write(tx -> {
      tx.roles().insert(new Role(ACCOUNT, "AROA1", "trusting", "/", NOW, "{}", null, 3600,
          null, null));
      tx.roles().replaceTrustPrincipals(ACCOUNT, "AROA1", Map.of(bob, "AIDA1", ops, "AROA2"));
      tx.roles().replaceTrustPrincipals(ACCOUNT, "AROA1", Map.of(bob, "AIDA9"));
      return null;
    });

    assertThat(store.<Map<String, String>>read(tx -> tx.roles().trustPrincipals(ACCOUNT,
        "AROA1"))).isEqualTo(Map.of(bob, "AIDA9"));
    store.write(tx -> {
      tx.roles().delete(ACCOUNT, "AROA1");
      return null;
    });
    assertThat(store.<Map<String, String>>read(tx -> tx.roles().trustPrincipals(ACCOUNT,
        "AROA1"))).isEmpty();
  }

  @Test
  void accessKeysAndMfaDevices_ofTheRootUser_areOwnedByTheAccountId() {
    // V095 dropped the foreign keys to users: root's key and device belong to the account id.
    store.write(tx -> {
      tx.accessKeys().insert(new AccessKey(ACCOUNT, "AKIAROOT", ACCOUNT, "v1:x",
          AccessKey.Status.Active, NOW, null));
      tx.mfaDevices().insert(new MfaDevice(ACCOUNT, "arn:aws:iam::" + ACCOUNT
          + ":mfa/root-account-mfa-device", "root-account-mfa-device", "/", "v1:s", NOW,
          ACCOUNT, NOW, 1L, 0));
      return null;
    });

    assertThat(store.<List<AccessKey>>read(tx -> tx.accessKeys().listForUser(ACCOUNT,
        ACCOUNT))).extracting(AccessKey::accessKeyId).containsExactly("AKIAROOT");
    assertThat(store.<List<MfaDevice>>read(tx -> tx.mfaDevices().listForUser(ACCOUNT,
        ACCOUNT))).hasSize(1);
  }

  static RootUser root(String email) {
    return new RootUser(ACCOUNT, email, "$argon2id$hash", true, NOW, null, NOW);
  }

  @Test
  void rootUser_roundTripsAndASecondOneIsRejected() {
    store.write(tx -> {
      tx.rootUser().insert(root("ops@example.com"));
      return null;
    });

    assertThat(store.<Optional<RootUser>>read(tx -> tx.rootUser().find(ACCOUNT)))
        .contains(root("ops@example.com"));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.rootUser().insert(root("other@example.com"));
      return null;
    })).isInstanceOf(AwsException.class).hasMessageContaining("already exists");
    assertThat(store.<Optional<RootUser>>read(tx -> tx.rootUser().find("999999999999")))
        .isEmpty();
  }

  @Test
  void rootUser_setPasswordAndPasswordUsed_areStored() {
    store.write(tx -> {
      tx.rootUser().insert(root("ops@example.com"));
      tx.rootUser().setPassword(ACCOUNT, "$argon2id$new", false, NOW.plusSeconds(5));
      tx.rootUser().passwordUsed(ACCOUNT, NOW.plusSeconds(9));
      return null;
    });

    RootUser found = store.<Optional<RootUser>>read(tx -> tx.rootUser().find(ACCOUNT))
        .orElseThrow();
    assertThat(found.passwordHash()).isEqualTo("$argon2id$new");
    assertThat(found.passwordResetRequired()).isFalse();
    assertThat(found.passwordChangedAt()).isEqualTo(NOW.plusSeconds(5));
    assertThat(found.passwordLastUsed()).isEqualTo(NOW.plusSeconds(9));
  }

  @Test
  void passwordClassMinimums_areNoneUntilSet_andOutliveTheAwsPolicy() {
    assertThat(store.<PasswordClassMinimums>read(tx ->
        tx.passwordPolicies().classMinimums(ACCOUNT))).isEqualTo(PasswordClassMinimums.NONE);

    store.write(tx -> {
      tx.passwordPolicies().putClassMinimums(ACCOUNT, new PasswordClassMinimums(1, 2, 3, 4));
      tx.passwordPolicies().putClassMinimums(ACCOUNT, new PasswordClassMinimums(2, 2, 2, 1));
      tx.passwordPolicies().delete(ACCOUNT);
      return null;
    });

    assertThat(store.<PasswordClassMinimums>read(tx ->
        tx.passwordPolicies().classMinimums(ACCOUNT)))
        .isEqualTo(new PasswordClassMinimums(2, 2, 2, 1));
  }

  static InstanceProfile profile(String id, String name, String path) {
    return new InstanceProfile(ACCOUNT, id, name, path, NOW);
  }

  static Role role(String id, String name) {
    return new Role(ACCOUNT, id, name, "/", NOW, "{}", null, 3600, null, null);
  }

  @Test
  void instanceProfiles_roundTripListByPathAndRejectDuplicateNamesInAnyCase() {
    store.write(tx -> {
      tx.instanceProfiles().insert(profile("AIPA1", "Web", "/app/"));
      tx.instanceProfiles().insert(profile("AIPA2", "batch", "/app/jobs/"));
      tx.instanceProfiles().insert(profile("AIPA3", "other", "/ops/"));
      return null;
    });

    assertThat(store.<Optional<InstanceProfile>>read(tx -> tx.instanceProfiles()
        .findByName(ACCOUNT, "WEB")))
        .contains(profile("AIPA1", "Web", "/app/"));
    assertThat(store.<List<InstanceProfile>>read(tx -> tx.instanceProfiles().list(ACCOUNT,
        "/app/"))).extracting(InstanceProfile::name).containsExactly("batch", "Web");
    assertThat(store.<Integer>read(tx -> tx.instanceProfiles().count(ACCOUNT))).isEqualTo(3);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.instanceProfiles().insert(profile("AIPA4", "web", "/"));
      return null;
    })).isInstanceOf(RuntimeException.class);
  }

  @Test
  void instanceProfiles_rolesAreListedBothWaysAndGoWithTheProfile() {
    store.write(tx -> {
      tx.roles().insert(role("AROA1", "worker"));
      tx.instanceProfiles().insert(profile("AIPA1", "p1", "/"));
      tx.instanceProfiles().insert(profile("AIPA2", "p2", "/"));
      tx.instanceProfiles().addRole(ACCOUNT, "AIPA1", "AROA1");
      tx.instanceProfiles().addRole(ACCOUNT, "AIPA1", "AROA1");
      tx.instanceProfiles().addRole(ACCOUNT, "AIPA2", "AROA1");
      return null;
    });

    assertThat(store.<List<String>>read(tx -> tx.instanceProfiles().roleIds(ACCOUNT, "AIPA1")))
        .containsExactly("AROA1");
    assertThat(store.<List<InstanceProfile>>read(tx -> tx.instanceProfiles()
        .profilesOfRole(ACCOUNT, "AROA1"))).extracting(InstanceProfile::name)
        .containsExactly("p1", "p2");

    store.write(tx -> {
      tx.instanceProfiles().removeRole(ACCOUNT, "AIPA2", "AROA1");
      tx.instanceProfiles().delete(ACCOUNT, "AIPA1");
      return null;
    });

    assertThat(store.<List<InstanceProfile>>read(tx -> tx.instanceProfiles()
        .profilesOfRole(ACCOUNT, "AROA1"))).isEmpty();
    assertThat(store.<Optional<InstanceProfile>>read(tx -> tx.instanceProfiles()
        .findById(ACCOUNT, "AIPA1"))).isEmpty();
  }

  @Test
  void deletingARoleInAnInstanceProfile_isRefusedByForeignKeys() {
    store.write(tx -> {
      tx.roles().insert(role("AROA1", "held"));
      tx.instanceProfiles().insert(profile("AIPA1", "holder", "/"));
      tx.instanceProfiles().addRole(ACCOUNT, "AIPA1", "AROA1");
      return null;
    });

    assertThatThrownBy(() -> store.write(tx -> {
      tx.roles().delete(ACCOUNT, "AROA1");
      return null;
    })).isInstanceOf(RuntimeException.class);
  }
}
