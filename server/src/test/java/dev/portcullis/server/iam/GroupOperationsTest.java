package dev.portcullis.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.server.testing.ServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsResponse;
import software.amazon.awssdk.services.iam.model.User;

class GroupOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  private final IamClient iam = SERVER.adminIam();

  @Test
  void createGroup_thenGetGroup_returnsTheSameGroupWithAwsShapedIds() {
    Group created = iam.createGroup(b -> b.groupName("Admins").path("/ops/")).group();

    GetGroupResponse fetched = iam.getGroup(b -> b.groupName("admins"));

    assertThat(created.groupId()).startsWith("AGPA").hasSize(21);
    assertThat(created.arn()).isEqualTo("arn:aws:iam::" + SERVER.accountId() + ":group/ops/Admins");
    assertThat(created.createDate()).isNotNull();
    assertThat(fetched.group()).isEqualTo(created);
    assertThat(fetched.users()).isEmpty();
    assertThat(fetched.isTruncated()).isFalse();
  }

  @Test
  void createGroup_withoutPath_usesTheRootPath() {
    Group created = iam.createGroup(b -> b.groupName("rooted")).group();

    assertThat(created.path()).isEqualTo("/");
    assertThat(created.arn()).endsWith(":group/rooted");
  }

  @Test
  void createGroup_whenNameDiffersOnlyInCase_isEntityAlreadyExists() {
    iam.createGroup(b -> b.groupName("dupes"));

    assertAwsError(() -> iam.createGroup(b -> b.groupName("DUPES")), "EntityAlreadyExists", 409,
        "Group with name DUPES already exists.");
  }

  @Test
  void createGroup_whenNameBreaksThePattern_isValidationError() {
    assertAwsError(() -> iam.createGroup(b -> b.groupName("no spaces")), "ValidationError", 400,
        null);
  }

  @Test
  void createGroup_beyondTheAccountQuota_isLimitExceeded() {
    int existing = iam.listGroupsPaginator(b -> b.maxItems(1000)).groups().stream()
        .mapToInt(g -> 1).sum();
    List<String> made = new ArrayList<>();
    try {
      for (int i = existing; i < 300; i++) {
        String name = "quota" + i;
        iam.createGroup(b -> b.groupName(name).path("/quota/"));
        made.add(name);
      }

      assertAwsError(() -> iam.createGroup(b -> b.groupName("one-too-many")), "LimitExceeded",
          409, "Cannot exceed quota for GroupsPerAccount: 300");
    } finally {
      made.forEach(name -> iam.deleteGroup(b -> b.groupName(name)));
    }
  }

  @Test
  void getGroup_whenMissing_isNoSuchEntityWithAwsMessage() {
    assertAwsError(() -> iam.getGroup(b -> b.groupName("ghosts")), "NoSuchEntity", 404,
        "The group with name ghosts cannot be found.");
  }

  @Test
  void getGroup_pagesItsUsersByName_andRepeatsTheGroupOnEveryPage() {
    iam.createGroup(b -> b.groupName("crowd"));
    IntStream.range(0, 7).forEach(i -> {
      iam.createUser(b -> b.userName("crowd-member" + i));
      iam.addUserToGroup(b -> b.groupName("crowd").userName("crowd-member" + i));
    });

    GetGroupResponse first = iam.getGroup(b -> b.groupName("crowd").maxItems(5));
    GetGroupResponse second = iam.getGroup(b -> b.groupName("crowd").maxItems(5)
        .marker(first.marker()));
    List<String> all = iam.getGroupPaginator(b -> b.groupName("crowd").maxItems(3)).users()
        .stream().map(User::userName).toList();

    assertThat(first.users()).hasSize(5);
    assertThat(first.isTruncated()).isTrue();
    assertThat(second.users()).hasSize(2);
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.marker()).isNull();
    assertThat(second.group().groupName()).isEqualTo("crowd");
    assertThat(first.users().get(0).userId()).startsWith("AIDA");
    assertThat(all).containsExactly("crowd-member0", "crowd-member1", "crowd-member2",
        "crowd-member3", "crowd-member4", "crowd-member5", "crowd-member6");
  }

  @Test
  void listGroups_pagesWithMarkerAndFiltersByPathPrefix() {
    IntStream.range(0, 7).forEach(i -> iam.createGroup(b -> b.groupName("pager" + i)
        .path("/paged/")));
    iam.createGroup(b -> b.groupName("elsewhere").path("/other/"));

    ListGroupsResponse first = iam.listGroups(b -> b.pathPrefix("/paged/").maxItems(5));
    ListGroupsResponse second = iam.listGroups(b -> b.pathPrefix("/paged/").maxItems(5)
        .marker(first.marker()));
    List<String> all = iam.listGroupsPaginator(b -> b.pathPrefix("/paged/").maxItems(2))
        .groups().stream().map(Group::groupName).toList();

    assertThat(first.groups()).hasSize(5);
    assertThat(first.isTruncated()).isTrue();
    assertThat(second.groups()).hasSize(2);
    assertThat(second.isTruncated()).isFalse();
    assertThat(all).containsExactly("pager0", "pager1", "pager2", "pager3", "pager4", "pager5",
        "pager6");
  }

  @Test
  void updateGroup_renamesAndMoves_keepingIdAndMembers() {
    Group before = iam.createGroup(b -> b.groupName("movers")).group();
    iam.createUser(b -> b.userName("mover"));
    iam.addUserToGroup(b -> b.groupName("movers").userName("mover"));

    iam.updateGroup(b -> b.groupName("MOVERS").newGroupName("shakers").newPath("/moved/"));

    GetGroupResponse after = iam.getGroup(b -> b.groupName("shakers"));
    assertThat(after.group().groupId()).isEqualTo(before.groupId());
    assertThat(after.group().path()).isEqualTo("/moved/");
    assertThat(after.group().arn()).endsWith(":group/moved/shakers");
    assertThat(after.users()).extracting(User::userName).containsExactly("mover");
    assertAwsError(() -> iam.getGroup(b -> b.groupName("movers")), "NoSuchEntity", 404,
        "The group with name movers cannot be found.");
  }

  @Test
  void updateGroup_whenOnlyTheCaseChanges_renamesTheSameGroup() {
    iam.createGroup(b -> b.groupName("lowercase"));

    iam.updateGroup(b -> b.groupName("lowercase").newGroupName("LowerCase"));

    assertThat(iam.getGroup(b -> b.groupName("lowercase")).group().groupName())
        .isEqualTo("LowerCase");
  }

  @Test
  void updateGroup_whenTheNewNameIsTaken_isEntityAlreadyExists() {
    iam.createGroup(b -> b.groupName("first-name"));
    iam.createGroup(b -> b.groupName("second-name"));

    assertAwsError(() -> iam.updateGroup(b -> b.groupName("first-name")
        .newGroupName("Second-Name")), "EntityAlreadyExists", 409,
        "Group with name Second-Name already exists.");
  }

  @Test
  void updateGroup_whenMissing_isNoSuchEntity() {
    assertAwsError(() -> iam.updateGroup(b -> b.groupName("absent").newPath("/x/")),
        "NoSuchEntity", 404, "The group with name absent cannot be found.");
  }

  @Test
  void deleteGroup_whenItHasMembers_isDeleteConflict_andSucceedsOnceEmpty() {
    iam.createGroup(b -> b.groupName("sticky"));
    iam.createUser(b -> b.userName("stuck"));
    iam.addUserToGroup(b -> b.groupName("sticky").userName("stuck"));

    assertAwsError(() -> iam.deleteGroup(b -> b.groupName("sticky")), "DeleteConflict", 409,
        "Cannot delete entity, must remove users from group first.");

    iam.removeUserFromGroup(b -> b.groupName("sticky").userName("stuck"));
    iam.deleteGroup(b -> b.groupName("STICKY"));
    assertAwsError(() -> iam.getGroup(b -> b.groupName("sticky")), "NoSuchEntity", 404, null);
  }

  @Test
  void deleteGroup_whenMissing_isNoSuchEntity() {
    assertAwsError(() -> iam.deleteGroup(b -> b.groupName("vanished")), "NoSuchEntity", 404,
        "The group with name vanished cannot be found.");
  }

  @Test
  void addUserToGroup_whenUserOrGroupIsMissing_isNoSuchEntity() {
    iam.createGroup(b -> b.groupName("lonely"));
    iam.createUser(b -> b.userName("loner"));

    assertAwsError(() -> iam.addUserToGroup(b -> b.groupName("lonely").userName("nobody")),
        "NoSuchEntity", 404, "The user with name nobody cannot be found.");
    assertAwsError(() -> iam.addUserToGroup(b -> b.groupName("nogroup").userName("loner")),
        "NoSuchEntity", 404, "The group with name nogroup cannot be found.");
  }

  @Test
  void addUserToGroup_twiceWithOtherCase_keepsOneMembership() {
    iam.createGroup(b -> b.groupName("twice"));
    iam.createUser(b -> b.userName("repeat"));

    iam.addUserToGroup(b -> b.groupName("twice").userName("repeat"));
    iam.addUserToGroup(b -> b.groupName("TWICE").userName("REPEAT"));

    assertThat(iam.getGroup(b -> b.groupName("twice")).users()).extracting(User::userName)
        .containsExactly("repeat");
  }

  @Test
  void addUserToGroup_beyondTenGroups_isLimitExceeded_butReAddingIsAllowed() {
    iam.createUser(b -> b.userName("joiner"));
    IntStream.range(0, 11).forEach(i -> iam.createGroup(b -> b.groupName("club" + i)));
    IntStream.range(0, 10).forEach(i -> iam.addUserToGroup(b -> b.groupName("club" + i)
        .userName("joiner")));

    assertAwsError(() -> iam.addUserToGroup(b -> b.groupName("club10").userName("joiner")),
        "LimitExceeded", 409, "Cannot exceed quota for GroupsPerUser: 10");
    iam.addUserToGroup(b -> b.groupName("club0").userName("joiner"));
    assertThat(iam.listGroupsForUser(b -> b.userName("joiner")).groups()).hasSize(10);
  }

  @Test
  void removeUserFromGroup_removesOnlyThatMembership_andIgnoresNonMembers() {
    iam.createGroup(b -> b.groupName("left"));
    iam.createGroup(b -> b.groupName("right"));
    iam.createUser(b -> b.userName("switcher"));
    iam.addUserToGroup(b -> b.groupName("left").userName("switcher"));
    iam.addUserToGroup(b -> b.groupName("right").userName("switcher"));

    iam.removeUserFromGroup(b -> b.groupName("LEFT").userName("Switcher"));
    iam.removeUserFromGroup(b -> b.groupName("left").userName("switcher"));

    assertThat(iam.listGroupsForUser(b -> b.userName("switcher")).groups())
        .extracting(Group::groupName).containsExactly("right");
    assertThat(iam.getGroup(b -> b.groupName("left")).users()).isEmpty();
  }

  @Test
  void removeUserFromGroup_whenUserOrGroupIsMissing_isNoSuchEntity() {
    iam.createGroup(b -> b.groupName("remover"));
    iam.createUser(b -> b.userName("removed"));

    assertAwsError(() -> iam.removeUserFromGroup(b -> b.groupName("remover").userName("nope")),
        "NoSuchEntity", 404, "The user with name nope cannot be found.");
    assertAwsError(() -> iam.removeUserFromGroup(b -> b.groupName("nope").userName("removed")),
        "NoSuchEntity", 404, "The group with name nope cannot be found.");
  }

  @Test
  void listGroupsForUser_pagesTheUsersGroupsByName() {
    iam.createUser(b -> b.userName("belonger"));
    IntStream.range(0, 5).forEach(i -> {
      iam.createGroup(b -> b.groupName("member-of" + i));
      iam.addUserToGroup(b -> b.groupName("member-of" + i).userName("belonger"));
    });

    ListGroupsForUserResponse first = iam.listGroupsForUser(b -> b.userName("BELONGER")
        .maxItems(3));
    ListGroupsForUserResponse second = iam.listGroupsForUser(b -> b.userName("belonger")
        .maxItems(3).marker(first.marker()));
    List<String> all = iam.listGroupsForUserPaginator(b -> b.userName("belonger").maxItems(2))
        .groups().stream().map(Group::groupName).toList();

    assertThat(first.groups()).hasSize(3);
    assertThat(first.isTruncated()).isTrue();
    assertThat(second.groups()).hasSize(2);
    assertThat(second.isTruncated()).isFalse();
    assertThat(all).containsExactly("member-of0", "member-of1", "member-of2", "member-of3",
        "member-of4");
  }

  @Test
  void listGroupsForUser_whenUserIsMissing_isNoSuchEntity() {
    assertAwsError(() -> iam.listGroupsForUser(b -> b.userName("stranger")), "NoSuchEntity",
        404, "The user with name stranger cannot be found.");
  }

  @Test
  void deleteUser_whenStillInAGroup_isDeleteConflict_andSucceedsOnceRemoved() {
    iam.createGroup(b -> b.groupName("holding"));
    iam.createUser(b -> b.userName("held"));
    iam.addUserToGroup(b -> b.groupName("holding").userName("held"));

    assertAwsError(() -> iam.deleteUser(b -> b.userName("held")), "DeleteConflict", 409,
        "Cannot delete entity, must remove users from group first.");

    iam.removeUserFromGroup(b -> b.groupName("holding").userName("held"));
    iam.deleteUser(b -> b.userName("held"));
    assertAwsError(() -> iam.getUser(b -> b.userName("held")), "NoSuchEntity", 404, null);
  }

  private static void assertAwsError(ThrowingCallable call, String code, int status,
      String message) {
    Consumer<IamException> check = e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.statusCode()).isEqualTo(status);
      if (message != null) {
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
      }
    };
    assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, check);
  }
}
