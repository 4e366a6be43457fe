package dev.portcullis.server.iam;

import static dev.portcullis.server.iam.RoleOperationsTest.assertError;
import static dev.portcullis.server.iam.RoleOperationsTest.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portcullis.server.testing.ServerExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

class InstanceProfileOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final IamClient iam = SERVER.adminIam();

  @Test
  void createInstanceProfile_thenGet_returnsItWithAipaIdAndNoRoles() {
    InstanceProfile created = iam.createInstanceProfile(b -> b.instanceProfileName("web")
        .path("/app/").tags(tag("env", "prod"))).instanceProfile();

    InstanceProfile fetched = iam.getInstanceProfile(b -> b.instanceProfileName("WEB"))
        .instanceProfile();

    assertThat(created.instanceProfileId()).startsWith("AIPA").hasSize(21);
    assertThat(created.arn())
        .isEqualTo("arn:aws:iam::" + SERVER.accountId() + ":instance-profile/app/web");
    assertThat(created.hasRoles()).isTrue();
    assertThat(created.roles()).isEmpty();
    assertThat(fetched.instanceProfileId()).isEqualTo(created.instanceProfileId());
    assertThat(fetched.instanceProfileName()).isEqualTo("web");
    assertThat(fetched.path()).isEqualTo("/app/");
    assertThat(fetched.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(tuple("env", "prod"));
  }

  @Test
  void createInstanceProfile_whenNameDiffersOnlyInCase_isEntityAlreadyExists() {
    iam.createInstanceProfile(b -> b.instanceProfileName("dup"));

    assertError(() -> iam.createInstanceProfile(b -> b.instanceProfileName("DUP")), 409,
        "EntityAlreadyExists", "Instance Profile DUP already exists.");
  }

  @Test
  void getInstanceProfile_whenMissing_isNoSuchEntityWithAwsMessage() {
    assertError(() -> iam.getInstanceProfile(b -> b.instanceProfileName("ghost")), 404,
        "NoSuchEntity", "Instance Profile ghost cannot be found.");
  }

  @Test
  void addRoleToInstanceProfile_showsTheWholeRoleInTheProfile() {
    Role role = iam.createRole(b -> b.roleName("worker").assumeRolePolicyDocument(TRUST)
        .description("does work")).role();
    iam.createInstanceProfile(b -> b.instanceProfileName("workers"));

    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("workers").roleName("worker"));

    List<Role> roles = iam.getInstanceProfile(b -> b.instanceProfileName("workers"))
        .instanceProfile().roles();
    assertThat(roles).hasSize(1);
    Role held = roles.get(0);
    assertThat(held.roleName()).isEqualTo("worker");
    assertThat(held.roleId()).isEqualTo(role.roleId());
    assertThat(held.arn()).isEqualTo(role.arn());
    assertThat(held.createDate()).isEqualTo(role.createDate());
    assertThat(held.description()).isEqualTo("does work");
    assertThat(held.assumeRolePolicyDocument()).isEqualTo(role.assumeRolePolicyDocument());
  }

  @Test
  void addRoleToInstanceProfile_whenTheProfileHoldsARole_isLimitExceeded() {
    iam.createRole(b -> b.roleName("first").assumeRolePolicyDocument(TRUST));
    iam.createRole(b -> b.roleName("second").assumeRolePolicyDocument(TRUST));
    iam.createInstanceProfile(b -> b.instanceProfileName("single"));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("single").roleName("first"));

    assertError(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("single")
        .roleName("second")), 409, "LimitExceeded",
        "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
  }

  @Test
  void addRoleToInstanceProfile_whenRoleOrProfileMissing_isNoSuchEntity() {
    iam.createRole(b -> b.roleName("lonely").assumeRolePolicyDocument(TRUST));
    iam.createInstanceProfile(b -> b.instanceProfileName("empty"));

    assertError(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("empty")
        .roleName("nobody")), 404, "NoSuchEntity", "The role with name nobody cannot be found.");
    assertError(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("nothing")
        .roleName("lonely")), 404, "NoSuchEntity", "Instance Profile nothing cannot be found.");
  }

  @Test
  void removeRoleFromInstanceProfile_emptiesTheProfile() {
    iam.createRole(b -> b.roleName("leaver").assumeRolePolicyDocument(TRUST));
    iam.createRole(b -> b.roleName("stranger").assumeRolePolicyDocument(TRUST));
    iam.createInstanceProfile(b -> b.instanceProfileName("exit"));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("exit").roleName("leaver"));

    assertError(() -> iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("exit")
        .roleName("stranger")), 404, "NoSuchEntity", null);
    iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("exit").roleName("leaver"));

    assertThat(iam.getInstanceProfile(b -> b.instanceProfileName("exit")).instanceProfile()
        .roles()).isEmpty();
    assertThat(iam.listInstanceProfilesForRole(b -> b.roleName("leaver")).instanceProfiles())
        .isEmpty();
  }

  @Test
  void deleteInstanceProfile_whileItHoldsARole_isDeleteConflict() {
    iam.createRole(b -> b.roleName("tenant").assumeRolePolicyDocument(TRUST));
    iam.createInstanceProfile(b -> b.instanceProfileName("occupied"));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("occupied").roleName("tenant"));

    assertError(() -> iam.deleteInstanceProfile(b -> b.instanceProfileName("occupied")), 409,
        "DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.");
  }

  @Test
  void deleteInstanceProfile_removesTheProfileAndItsTags() {
    iam.createInstanceProfile(b -> b.instanceProfileName("gone").tags(tag("a", "1")));

    iam.deleteInstanceProfile(b -> b.instanceProfileName("gone"));

    assertError(() -> iam.getInstanceProfile(b -> b.instanceProfileName("gone")), 404,
        "NoSuchEntity", null);
    iam.createInstanceProfile(b -> b.instanceProfileName("gone"));
    assertThat(iam.listInstanceProfileTags(b -> b.instanceProfileName("gone")).tags()).isEmpty();
    assertError(() -> iam.deleteInstanceProfile(b -> b.instanceProfileName("never")), 404,
        "NoSuchEntity", "Instance Profile never cannot be found.");
  }

  @Test
  void listInstanceProfiles_pagesAndFiltersByPathPrefix_withoutTags() {
    iam.createRole(b -> b.roleName("fleet").assumeRolePolicyDocument(TRUST));
    IntStream.range(0, 5).forEach(i -> iam.createInstanceProfile(b -> b
        .instanceProfileName("fleet" + i).path("/fleet/").tags(tag("k", "v"))));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("fleet0").roleName("fleet"));

    ListInstanceProfilesResponse first = iam.listInstanceProfiles(b -> b.pathPrefix("/fleet/")
        .maxItems(3));
    ListInstanceProfilesResponse second = iam.listInstanceProfiles(b -> b.pathPrefix("/fleet/")
        .maxItems(3).marker(first.marker()));
    List<String> all = iam.listInstanceProfilesPaginator(b -> b.pathPrefix("/fleet/")
        .maxItems(2)).instanceProfiles().stream()
        .map(InstanceProfile::instanceProfileName).toList();

    assertThat(first.instanceProfiles()).hasSize(3);
    assertThat(first.isTruncated()).isTrue();
    assertThat(second.instanceProfiles()).hasSize(2);
    assertThat(second.isTruncated()).isFalse();
    assertThat(all).containsExactly("fleet0", "fleet1", "fleet2", "fleet3", "fleet4");
    InstanceProfile listed = first.instanceProfiles().get(0);
    assertThat(listed.roles()).extracting(Role::roleName).containsExactly("fleet");
    assertThat(listed.hasTags()).isFalse();
  }

  @Test
  void listInstanceProfilesForRole_returnsEveryProfileHoldingTheRole() {
    iam.createRole(b -> b.roleName("shared").assumeRolePolicyDocument(TRUST));
    IntStream.range(0, 3).forEach(i -> {
      iam.createInstanceProfile(b -> b.instanceProfileName("share" + i));
      iam.addRoleToInstanceProfile(b -> b.instanceProfileName("share" + i).roleName("shared"));
    });
    iam.createInstanceProfile(b -> b.instanceProfileName("share-other"));

    var first = iam.listInstanceProfilesForRole(b -> b.roleName("shared").maxItems(2));
    var rest = iam.listInstanceProfilesForRole(b -> b.roleName("shared")
        .marker(first.marker()));

    assertThat(first.isTruncated()).isTrue();
    assertThat(first.instanceProfiles()).extracting(InstanceProfile::instanceProfileName)
        .containsExactly("share0", "share1");
    assertThat(rest.instanceProfiles()).extracting(InstanceProfile::instanceProfileName)
        .containsExactly("share2");
    assertThat(rest.instanceProfiles().get(0).roles()).extracting(Role::roleName)
        .containsExactly("shared");
    assertError(() -> iam.listInstanceProfilesForRole(b -> b.roleName("nobody")), 404,
        "NoSuchEntity", "The role with name nobody cannot be found.");
  }

  @Test
  void tagInstanceProfile_mergesUntagRemoves_andListTagsPages() {
    iam.createInstanceProfile(b -> b.instanceProfileName("labelled"));
    iam.tagInstanceProfile(b -> b.instanceProfileName("labelled")
        .tags(tag("a", "1"), tag("b", "2"), tag("c", "3")));
    iam.tagInstanceProfile(b -> b.instanceProfileName("labelled").tags(tag("A", "4")));
    iam.untagInstanceProfile(b -> b.instanceProfileName("labelled").tagKeys("B"));

    ListInstanceProfileTagsResponse first = iam.listInstanceProfileTags(b -> b
        .instanceProfileName("labelled").maxItems(1));
    ListInstanceProfileTagsResponse rest = iam.listInstanceProfileTags(b -> b
        .instanceProfileName("labelled").marker(first.marker()));

    assertThat(first.isTruncated()).isTrue();
    assertThat(first.tags()).extracting(Tag::key, Tag::value).containsExactly(tuple("A", "4"));
    assertThat(rest.tags()).extracting(Tag::key, Tag::value).containsExactly(tuple("c", "3"));
  }

  @Test
  void tagInstanceProfile_beyondFiftyTags_isLimitExceeded() {
    iam.createInstanceProfile(b -> b.instanceProfileName("crowded").tags(tag("first", "1")));
    List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();

    assertError(() -> iam.tagInstanceProfile(b -> b.instanceProfileName("crowded").tags(fifty)),
        409, "LimitExceeded", "Cannot exceed quota for TagsPerInstanceProfile: 50");
    assertError(() -> iam.tagInstanceProfile(b -> b.instanceProfileName("absent")
        .tags(tag("a", "b"))), 404, "NoSuchEntity", null);
    assertError(() -> iam.untagInstanceProfile(b -> b.instanceProfileName("absent")
        .tagKeys("a")), 404, "NoSuchEntity", null);
    assertError(() -> iam.listInstanceProfileTags(b -> b.instanceProfileName("absent")), 404,
        "NoSuchEntity", null);
  }
}
