package dev.portcullis.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.server.testing.ServerExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

class UserOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  private final IamClient iam = SERVER.adminIam();

  @Test
  void createUser_thenGetUser_returnsTheSameUserWithAwsShapedIds() {
    User created = iam.createUser(b -> b.userName("carol").path("/eng/")
        .tags(Tag.builder().key("team").value("blue").build())).user();

    User fetched = iam.getUser(b -> b.userName("CAROL")).user();

    assertThat(created.userId()).startsWith("AIDA").hasSize(21);
    assertThat(created.arn()).isEqualTo("arn:aws:iam::" + SERVER.accountId() + ":user/eng/carol");
    assertThat(fetched.userName()).isEqualTo("carol");
    assertThat(fetched.userId()).isEqualTo(created.userId());
    assertThat(fetched.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "blue"));
  }

  @Test
  void createUser_whenNameDiffersOnlyInCase_isEntityAlreadyExists() {
    iam.createUser(b -> b.userName("dave"));

    assertThatThrownBy(() -> iam.createUser(b -> b.userName("DAVE")))
        .isInstanceOfSatisfying(IamException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
          assertThat(e.statusCode()).isEqualTo(409);
        });
  }

  @Test
  void getUser_whenMissing_isNoSuchEntityWithAwsMessage() {
    assertThatThrownBy(() -> iam.getUser(b -> b.userName("nobody")))
        .isInstanceOfSatisfying(IamException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("The user with name nobody cannot be found.");
        });
  }

  @Test
  void getUser_withoutName_returnsTheCaller() {
    assertThat(iam.getUser().user().userName()).isEqualTo("admin");
  }

  @Test
  void listUsers_pagesWithMarkerAndFiltersByPathPrefix() {
    IntStream.range(0, 7).forEach(i -> iam.createUser(b -> b.userName("pager" + i)
        .path("/paged/")));

    ListUsersResponse first = iam.listUsers(b -> b.pathPrefix("/paged/").maxItems(5));
    ListUsersResponse second = iam.listUsers(b -> b.pathPrefix("/paged/").maxItems(5)
        .marker(first.marker()));
    List<String> all = iam.listUsersPaginator(b -> b.pathPrefix("/paged/").maxItems(2)).users()
        .stream().map(User::userName).toList();

    assertThat(first.users()).hasSize(5);
    assertThat(first.isTruncated()).isTrue();
    assertThat(second.users()).hasSize(2);
    assertThat(second.isTruncated()).isFalse();
    assertThat(all).containsExactly("pager0", "pager1", "pager2", "pager3", "pager4", "pager5",
        "pager6");
  }

  @Test
  void updateUser_renamesAndMoves() {
    iam.createUser(b -> b.userName("erin"));

    iam.updateUser(b -> b.userName("erin").newUserName("erin2").newPath("/moved/"));

    User moved = iam.getUser(b -> b.userName("erin2")).user();
    assertThat(moved.path()).isEqualTo("/moved/");
    assertThatThrownBy(() -> iam.getUser(b -> b.userName("erin")))
        .hasMessageContaining("cannot be found");
  }

  @Test
  void tagUser_mergesAndUntagUserRemoves_andTagsAreLimitedToFifty() {
    iam.createUser(b -> b.userName("frank"));
    iam.tagUser(b -> b.userName("frank").tags(tag("a", "1"), tag("b", "2")));
    iam.tagUser(b -> b.userName("frank").tags(tag("A", "3")));
    iam.untagUser(b -> b.userName("frank").tagKeys("b"));

    assertThat(iam.listUserTags(b -> b.userName("frank")).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "3"));
    List<Tag> many = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
    assertThatThrownBy(() -> iam.tagUser(b -> b.userName("frank").tags(many)))
        .isInstanceOfSatisfying(IamException.class, e ->
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded"));
  }

  @Test
  void deleteUser_removesTheUser() {
    iam.createUser(b -> b.userName("gina"));

    iam.deleteUser(b -> b.userName("gina"));

    assertThatThrownBy(() -> iam.getUser(b -> b.userName("gina")))
        .isInstanceOf(IamException.class);
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
