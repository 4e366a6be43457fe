package dev.portcullis.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.testing.AwsErrors;
import dev.portcullis.server.testing.ServerExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

class RoleOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRUST = """
      {
        "Version": "2012-10-17",
        "Statement": [{
          "Effect": "Allow",
          "Principal": {"Service": "ec2.amazonaws.com"},
          "Action": "sts:AssumeRole",
          "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue & green"}}
        }]
      }""";
  private static final String BOUNDARY = "arn:aws:iam::aws:policy/PowerUserAccess";

  private final IamClient iam = SERVER.adminIam();

  @Test
  void createRole_thenGetRole_returnsTheRoleWithItsTrustPolicyDecoded() throws Exception {
    Role created = iam.createRole(b -> b.roleName("web").path("/app/")
        .assumeRolePolicyDocument(TRUST).description("web servers")).role();

    Role fetched = iam.getRole(b -> b.roleName("WEB")).role();

    assertThat(created.roleId()).startsWith("AROA").hasSize(21);
    assertThat(created.arn()).isEqualTo("arn:aws:iam::" + SERVER.accountId() + ":role/app/web");
    assertThat(fetched.roleId()).isEqualTo(created.roleId());
    assertThat(fetched.roleName()).isEqualTo("web");
    assertThat(fetched.path()).isEqualTo("/app/");
    assertThat(fetched.description()).isEqualTo("web servers");
    assertThat(fetched.maxSessionDuration()).isEqualTo(3600);
    assertThat(fetched.roleLastUsed()).isNotNull();
    assertThat(fetched.roleLastUsed().lastUsedDate()).isNull();
    assertThat(json(fetched.assumeRolePolicyDocument())).isEqualTo(JSON.readTree(TRUST));
    assertThat(json(created.assumeRolePolicyDocument())).isEqualTo(JSON.readTree(TRUST));
  }

  @Test
  void trustPolicyNamingAnUnknownUserOrRoleOfTheAccount_isMalformedPolicyDocument() {
    String nobody = "arn:aws:iam::" + SERVER.accountId() + ":user/nobody";
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"" + nobody + "\"},\"Action\":\"sts:AssumeRole\"}]}";

    AwsErrors.assertAwsError(() -> iam.createRole(b -> b.roleName("trusts-nobody")
        .assumeRolePolicyDocument(trust)), "MalformedPolicyDocument", 400,
        "Invalid principal in policy: \"AWS\":\"" + nobody + "\"");
    iam.createRole(b -> b.roleName("trusts-later").assumeRolePolicyDocument(TRUST));
    AwsErrors.assertAwsError(() -> iam.updateAssumeRolePolicy(b -> b.roleName("trusts-later")
        .policyDocument(trust)), "MalformedPolicyDocument", 400);

    iam.createUser(b -> b.userName("nobody"));
    iam.updateAssumeRolePolicy(b -> b.roleName("trusts-later").policyDocument(trust));
  }

  @Test
  void createRole_withBoundaryTagsAndMaxSessionDuration_keepsThem() {
    Role created = iam.createRole(b -> b.roleName("bounded").assumeRolePolicyDocument(TRUST)
        .permissionsBoundary(BOUNDARY).maxSessionDuration(43200)
        .tags(tag("team", "blue"))).role();

    Role fetched = iam.getRole(b -> b.roleName("bounded")).role();

    assertThat(created.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(BOUNDARY);
    assertThat(created.tags()).extracting(Tag::key).containsExactly("team");
    assertThat(fetched.maxSessionDuration()).isEqualTo(43200);
    // AWS sends "Policy", which the SDK's enum (from the model) does not know.
    assertThat(fetched.permissionsBoundary().permissionsBoundaryTypeAsString())
        .isEqualTo("Policy");
    assertThat(fetched.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(tuple("team", "blue"));
  }

  @Test
  void createRole_whenNameDiffersOnlyInCase_isEntityAlreadyExists() {
    iam.createRole(b -> b.roleName("twin").assumeRolePolicyDocument(TRUST));

    assertError(() -> iam.createRole(b -> b.roleName("TWIN").assumeRolePolicyDocument(TRUST)),
        409, "EntityAlreadyExists", "Role with name TWIN already exists.");
  }

  @Test
  void createRole_withoutTrustPolicy_isValidationError() {
    assertError(() -> iam.createRole(b -> b.roleName("untrusting")), 400, "ValidationError",
        null);
  }

  @Test
  void createRole_whenTrustPolicyIsNotJson_isMalformedPolicyDocument() {
    assertError(() -> iam.createRole(b -> b.roleName("broken")
        .assumeRolePolicyDocument("{\"Version\": \"2012-10-17\",")), 400,
        "MalformedPolicyDocument", "This policy contains invalid Json");
  }

  @Test
  void createRole_whenTrustPolicyNamesAResource_isMalformedPolicyDocument() {
    String withResource = TRUST.replace("\"Action\"", "\"Resource\": \"*\", \"Action\"");

    assertError(() -> iam.createRole(b -> b.roleName("resourceful")
        .assumeRolePolicyDocument(withResource)), 400, "MalformedPolicyDocument",
        "Has prohibited field Resource");
  }

  @Test
  void createRole_whenTrustPolicyExceeds2048Characters_isLimitExceeded() {
    String big = TRUST.replace("blue & green", "x".repeat(2048));

    assertError(() -> iam.createRole(b -> b.roleName("huge").assumeRolePolicyDocument(big)),
        409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
  }

  @Test
  void createRole_whenMaxSessionDurationOutOfRange_isValidationError() {
    assertError(() -> iam.createRole(b -> b.roleName("short").assumeRolePolicyDocument(TRUST)
        .maxSessionDuration(3599)), 400, "ValidationError", null);
    assertError(() -> iam.createRole(b -> b.roleName("long").assumeRolePolicyDocument(TRUST)
        .maxSessionDuration(43201)), 400, "ValidationError", null);
  }

  @Test
  void createRole_whenBoundaryIsNotAPolicyArn_isInvalidInput() {
    assertError(() -> iam.createRole(b -> b.roleName("badbound").assumeRolePolicyDocument(TRUST)
        .permissionsBoundary("arn:aws:iam::aws:user/nobody")), 400, "InvalidInput", null);
  }

  @Test
  void getRole_whenMissing_isNoSuchEntityWithAwsMessage() {
    assertError(() -> iam.getRole(b -> b.roleName("ghost")), 404, "NoSuchEntity",
        "The role with name ghost cannot be found.");
  }

  @Test
  void listRoles_pagesAndFiltersByPathPrefix_withoutTagsBoundaryOrLastUsed() throws Exception {
    IntStream.range(0, 5).forEach(i -> iam.createRole(b -> b.roleName("lister" + i)
        .path("/listed/").assumeRolePolicyDocument(TRUST).permissionsBoundary(BOUNDARY)
        .tags(tag("k", "v"))));

    ListRolesResponse first = iam.listRoles(b -> b.pathPrefix("/listed/").maxItems(3));
    ListRolesResponse second = iam.listRoles(b -> b.pathPrefix("/listed/").maxItems(3)
        .marker(first.marker()));
    List<String> all = iam.listRolesPaginator(b -> b.pathPrefix("/listed/").maxItems(2))
        .roles().stream().map(Role::roleName).toList();

    assertThat(first.roles()).hasSize(3);
    assertThat(first.isTruncated()).isTrue();
    assertThat(second.roles()).hasSize(2);
    assertThat(second.isTruncated()).isFalse();
    assertThat(all).containsExactly("lister0", "lister1", "lister2", "lister3", "lister4");
    Role listed = first.roles().get(0);
    assertThat(listed.maxSessionDuration()).isEqualTo(3600);
    assertThat(json(listed.assumeRolePolicyDocument())).isEqualTo(JSON.readTree(TRUST));
    assertThat(listed.permissionsBoundary()).isNull();
    assertThat(listed.roleLastUsed()).isNull();
    assertThat(listed.hasTags()).isFalse();
  }

  @Test
  void updateRole_changesDescriptionAndMaxSessionDuration() {
    iam.createRole(b -> b.roleName("tuned").assumeRolePolicyDocument(TRUST));

    iam.updateRole(b -> b.roleName("tuned").description("tuned up").maxSessionDuration(7200));

    Role role = iam.getRole(b -> b.roleName("tuned")).role();
    assertThat(role.description()).isEqualTo("tuned up");
    assertThat(role.maxSessionDuration()).isEqualTo(7200);
    assertError(() -> iam.updateRole(b -> b.roleName("tuned").maxSessionDuration(50000)), 400,
        "ValidationError", null);
    assertError(() -> iam.updateRole(b -> b.roleName("absent").description("x")), 404,
        "NoSuchEntity", "The role with name absent cannot be found.");
  }

  @Test
  void updateRoleDescription_returnsTheUpdatedRole() {
    iam.createRole(b -> b.roleName("described").assumeRolePolicyDocument(TRUST)
        .maxSessionDuration(5400));

    Role role = iam.updateRoleDescription(b -> b.roleName("described").description("new words"))
        .role();

    assertThat(role.roleName()).isEqualTo("described");
    assertThat(role.description()).isEqualTo("new words");
    assertThat(role.maxSessionDuration()).isEqualTo(5400);
    assertThat(iam.getRole(b -> b.roleName("described")).role().description())
        .isEqualTo("new words");
  }

  @Test
  void updateAssumeRolePolicy_replacesTheTrustPolicy() throws Exception {
    iam.createRole(b -> b.roleName("retrusted").assumeRolePolicyDocument(TRUST));
    String lambda = TRUST.replace("ec2.amazonaws.com", "lambda.amazonaws.com");

    iam.updateAssumeRolePolicy(b -> b.roleName("retrusted").policyDocument(lambda));

    assertThat(json(iam.getRole(b -> b.roleName("retrusted")).role()
        .assumeRolePolicyDocument())).isEqualTo(JSON.readTree(lambda));
    assertError(() -> iam.updateAssumeRolePolicy(b -> b.roleName("retrusted")
        .policyDocument("not json")), 400, "MalformedPolicyDocument",
        "This policy contains invalid Json");
    assertError(() -> iam.updateAssumeRolePolicy(b -> b.roleName("retrusted")
        .policyDocument(TRUST.replace("blue & green", "y".repeat(2100)))), 409,
        "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
  }

  @Test
  void deleteRole_removesTheRoleAndItsTags() {
    iam.createRole(b -> b.roleName("doomed").assumeRolePolicyDocument(TRUST)
        .tags(tag("a", "1")));

    iam.deleteRole(b -> b.roleName("doomed"));

    assertError(() -> iam.getRole(b -> b.roleName("doomed")), 404, "NoSuchEntity", null);
    iam.createRole(b -> b.roleName("doomed").assumeRolePolicyDocument(TRUST));
    assertThat(iam.listRoleTags(b -> b.roleName("doomed")).tags()).isEmpty();
    assertError(() -> iam.deleteRole(b -> b.roleName("never")), 404, "NoSuchEntity",
        "The role with name never cannot be found.");
  }

  @Test
  void deleteRole_whileInAnInstanceProfile_isDeleteConflict() {
    iam.createRole(b -> b.roleName("held").assumeRolePolicyDocument(TRUST));
    iam.createInstanceProfile(b -> b.instanceProfileName("holder"));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("holder").roleName("held"));

    assertError(() -> iam.deleteRole(b -> b.roleName("held")), 409, "DeleteConflict",
        "Cannot delete entity, must remove roles from instance profile first.");
    iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("holder").roleName("held"));
    iam.deleteRole(b -> b.roleName("held"));
  }

  @Test
  void tagRole_mergesUntagRoleRemoves_andListRoleTagsPages() {
    iam.createRole(b -> b.roleName("tagged").assumeRolePolicyDocument(TRUST));
    iam.tagRole(b -> b.roleName("tagged").tags(tag("a", "1"), tag("b", "2"), tag("c", "3")));
    iam.tagRole(b -> b.roleName("tagged").tags(tag("A", "4")));
    iam.untagRole(b -> b.roleName("tagged").tagKeys("b"));

    ListRoleTagsResponse first = iam.listRoleTags(b -> b.roleName("tagged").maxItems(1));
    ListRoleTagsResponse rest = iam.listRoleTags(b -> b.roleName("tagged")
        .marker(first.marker()));

    assertThat(first.isTruncated()).isTrue();
    assertThat(first.tags()).extracting(Tag::key, Tag::value).containsExactly(tuple("A", "4"));
    assertThat(rest.tags()).extracting(Tag::key, Tag::value).containsExactly(tuple("c", "3"));
    assertThat(rest.isTruncated()).isFalse();
  }

  @Test
  void tagRole_beyondFiftyTags_isLimitExceeded() {
    iam.createRole(b -> b.roleName("overtagged").assumeRolePolicyDocument(TRUST));
    iam.tagRole(b -> b.roleName("overtagged").tags(tag("first", "1")));
    List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();

    assertError(() -> iam.tagRole(b -> b.roleName("overtagged").tags(fifty)), 409,
        "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50");
    assertError(() -> iam.tagRole(b -> b.roleName("missing").tags(tag("a", "b"))), 404,
        "NoSuchEntity", null);
    assertError(() -> iam.untagRole(b -> b.roleName("missing").tagKeys("a")), 404,
        "NoSuchEntity", null);
    assertError(() -> iam.listRoleTags(b -> b.roleName("missing")), 404, "NoSuchEntity", null);
  }

  @Test
  void putRolePermissionsBoundary_setsAndDeleteRolePermissionsBoundaryClears() {
    iam.createRole(b -> b.roleName("fenced").assumeRolePolicyDocument(TRUST));

    iam.putRolePermissionsBoundary(b -> b.roleName("fenced").permissionsBoundary(BOUNDARY));
    Role fenced = iam.getRole(b -> b.roleName("fenced")).role();
    iam.deleteRolePermissionsBoundary(b -> b.roleName("fenced"));
    Role open = iam.getRole(b -> b.roleName("fenced")).role();

    assertThat(fenced.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(BOUNDARY);
    assertThat(open.permissionsBoundary()).isNull();
    assertError(() -> iam.putRolePermissionsBoundary(b -> b.roleName("fenced")
        .permissionsBoundary("this-is-not-an-arn-at-all")), 400, "InvalidInput", null);
    assertError(() -> iam.putRolePermissionsBoundary(b -> b.roleName("nowhere")
        .permissionsBoundary(BOUNDARY)), 404, "NoSuchEntity", null);
    assertError(() -> iam.deleteRolePermissionsBoundary(b -> b.roleName("nowhere")), 404,
        "NoSuchEntity", null);
  }

  private static JsonNode json(String urlEncoded) throws Exception {
    return JSON.readTree(URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8));
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  /** Asserts an IAM error by status and code, and by message when one is given. */
  static void assertError(ThrowingCallable call, int status, String code, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(status);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      if (message != null) {
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
      }
    });
  }
}
