package dev.portcullis.server.iam;

import static dev.portcullis.server.iam.PolicyDocs.READ_S3;
import static dev.portcullis.server.iam.PolicyDocs.decoded;
import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;

class InlinePolicyTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  private final IamClient iam = SERVER.adminIam();

  @Test
  void putUserPolicy_thenGetUserPolicy_returnsTheDocumentAsSent() {
    iam.createUser(b -> b.userName("ivy"));

    iam.putUserPolicy(b -> b.userName("ivy").policyName("s3-list")
        .policyDocument(PolicyDocs.LIST_S3));
    GetUserPolicyResponse got = iam.getUserPolicy(b -> b.userName("IVY").policyName("s3-list"));

    assertThat(got.userName()).isEqualTo("ivy");
    assertThat(got.policyName()).isEqualTo("s3-list");
    assertThat(decoded(got.policyDocument())).isEqualTo(PolicyDocs.LIST_S3);
  }

  @Test
  void putUserPolicy_withAnExistingName_replacesTheDocument() {
    iam.createUser(b -> b.userName("rex"));
    iam.putUserPolicy(b -> b.userName("rex").policyName("p").policyDocument(READ_S3));

    iam.putUserPolicy(b -> b.userName("rex").policyName("p").policyDocument(PolicyDocs.LIST_S3));

    assertThat(decoded(iam.getUserPolicy(b -> b.userName("rex").policyName("p"))
        .policyDocument())).isEqualTo(PolicyDocs.LIST_S3);
    assertThat(iam.listUserPolicies(b -> b.userName("rex")).policyNames()).containsExactly("p");
  }

  @Test
  void listUserPolicies_isOrderedByName_andPages() {
    iam.createUser(b -> b.userName("lena"));
    IntStream.of(3, 1, 4, 0, 2).forEach(i -> iam.putUserPolicy(b -> b.userName("lena")
        .policyName("p" + i).policyDocument(READ_S3)));

    ListUserPoliciesResponse first = iam.listUserPolicies(b -> b.userName("lena").maxItems(3));
    ListUserPoliciesResponse rest = iam.listUserPolicies(b -> b.userName("lena")
        .marker(first.marker()));

    assertThat(first.policyNames()).containsExactly("p0", "p1", "p2");
    assertThat(first.isTruncated()).isTrue();
    assertThat(rest.policyNames()).containsExactly("p3", "p4");
    assertThat(rest.isTruncated()).isFalse();
  }

  @Test
  void deleteUserPolicy_removesIt_andMissingPoliciesAreNoSuchEntity() {
    iam.createUser(b -> b.userName("dora"));
    iam.putUserPolicy(b -> b.userName("dora").policyName("gone").policyDocument(READ_S3));

    iam.deleteUserPolicy(b -> b.userName("dora").policyName("gone"));

    assertThat(iam.listUserPolicies(b -> b.userName("dora")).policyNames()).isEmpty();
    assertAwsError(() -> iam.getUserPolicy(b -> b.userName("dora").policyName("gone")),
        "NoSuchEntity", 404, "The user policy with name gone cannot be found.");
    assertAwsError(() -> iam.deleteUserPolicy(b -> b.userName("dora").policyName("gone")),
        "NoSuchEntity", 404, "The user policy with name gone cannot be found.");
    assertAwsError(() -> iam.putUserPolicy(b -> b.userName("nobody").policyName("p")
        .policyDocument(READ_S3)), "NoSuchEntity", 404,
        "The user with name nobody cannot be found.");
  }

  @Test
  void putUserPolicy_whenDocumentMalformed_isMalformedPolicyDocument() {
    iam.createUser(b -> b.userName("mal"));

    assertAwsError(() -> iam.putUserPolicy(b -> b.userName("mal").policyName("p")
        .policyDocument("[]")), "MalformedPolicyDocument", 400, "Syntax errors in policy.");
    assertAwsError(() -> iam.putUserPolicy(b -> b.userName("mal").policyName("p")
        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\"}}")), "MalformedPolicyDocument", 400,
        "Policy statement must contain resources.");
  }

  @Test
  void putUserPolicy_sizeQuota_countsAllInlinePoliciesWithoutWhitespace() {
    iam.createUser(b -> b.userName("sam"));
    String spaced = PolicyDocs.ofSize(1000).replace(",", " ,\n  ");

    iam.putUserPolicy(b -> b.userName("sam").policyName("a").policyDocument(spaced));
    iam.putUserPolicy(b -> b.userName("sam").policyName("b")
        .policyDocument(PolicyDocs.ofSize(1048)));

    assertAwsError(() -> iam.putUserPolicy(b -> b.userName("sam").policyName("c")
        .policyDocument(PolicyDocs.ofSize(200))), "LimitExceeded", 409,
        "Maximum policy size of 2048 bytes exceeded for user sam");
    // Replacing a policy counts the new document instead of the old one.
    iam.putUserPolicy(b -> b.userName("sam").policyName("b")
        .policyDocument(PolicyDocs.ofSize(1048)));
  }

  @Test
  void deleteUser_withInlinePolicy_isDeleteConflict() {
    iam.createUser(b -> b.userName("keeper"));
    iam.putUserPolicy(b -> b.userName("keeper").policyName("p").policyDocument(READ_S3));

    assertAwsError(() -> iam.deleteUser(b -> b.userName("keeper")), "DeleteConflict", 409,
        "Cannot delete entity, must delete policies first.");
    iam.deleteUserPolicy(b -> b.userName("keeper").policyName("p"));
    iam.deleteUser(b -> b.userName("keeper"));
  }

  @Test
  void groupPolicies_putGetListDelete_withTheGroupQuota() {
    iam.createGroup(b -> b.groupName("crew"));

    iam.putGroupPolicy(b -> b.groupName("crew").policyName("big")
        .policyDocument(PolicyDocs.ofSize(5120)));

    assertThat(iam.getGroupPolicy(b -> b.groupName("crew").policyName("big")).groupName())
        .isEqualTo("crew");
    assertThat(iam.listGroupPolicies(b -> b.groupName("crew")).policyNames())
        .containsExactly("big");
    assertAwsError(() -> iam.putGroupPolicy(b -> b.groupName("crew").policyName("more")
        .policyDocument(READ_S3)), "LimitExceeded", 409,
        "Maximum policy size of 5120 bytes exceeded for group crew");
    assertAwsError(() -> iam.deleteGroup(b -> b.groupName("crew")), "DeleteConflict", 409,
        "Cannot delete entity, must delete policies first.");
    assertAwsError(() -> iam.getGroupPolicy(b -> b.groupName("crew").policyName("none")),
        "NoSuchEntity", 404, "The group policy with name none cannot be found.");
    iam.deleteGroupPolicy(b -> b.groupName("crew").policyName("big"));
    iam.deleteGroup(b -> b.groupName("crew"));
  }

  @Test
  void rolePolicies_putGetListDelete_withTheRoleQuota() {
    iam.createRole(b -> b.roleName("runner").assumeRolePolicyDocument(PolicyDocs.EC2_TRUST));

    iam.putRolePolicy(b -> b.roleName("runner").policyName("half")
        .policyDocument(PolicyDocs.ofSize(5120)));
    iam.putRolePolicy(b -> b.roleName("runner").policyName("other-half")
        .policyDocument(PolicyDocs.ofSize(5120)));

    assertThat(decoded(iam.getRolePolicy(b -> b.roleName("runner").policyName("half"))
        .policyDocument())).isEqualTo(PolicyDocs.ofSize(5120));
    assertThat(iam.listRolePolicies(b -> b.roleName("runner")).policyNames())
        .containsExactly("half", "other-half");
    assertAwsError(() -> iam.putRolePolicy(b -> b.roleName("runner").policyName("one-more")
        .policyDocument(PolicyDocs.ofSize(200))), "LimitExceeded", 409,
        "Maximum policy size of 10240 bytes exceeded for role runner");
    assertAwsError(() -> iam.deleteRolePolicy(b -> b.roleName("runner").policyName("none")),
        "NoSuchEntity", 404, "The role policy with name none cannot be found.");
    assertAwsError(() -> iam.putRolePolicy(b -> b.roleName("nobody").policyName("p")
        .policyDocument(READ_S3)), "NoSuchEntity", 404,
        "The role with name nobody cannot be found.");
    assertAwsError(() -> iam.deleteRole(b -> b.roleName("runner")), "DeleteConflict", 409,
        "Cannot delete entity, must delete policies first.");
    iam.deleteRolePolicy(b -> b.roleName("runner").policyName("half"));
    assertThat(iam.listRolePolicies(b -> b.roleName("runner")).policyNames())
        .containsExactly("other-half");
  }
}
