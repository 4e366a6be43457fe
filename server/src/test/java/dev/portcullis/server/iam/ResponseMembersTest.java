package dev.portcullis.server.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.RawResponses;
import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Which members IAM and STS send in a response, as AWS sends them: the SDK reads an absent list
 * and an empty one alike, so the wire is checked where they differ.
 */
class ResponseMembersTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String BOUNDARY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":"
      + "\"sts:AssumeRole\"}]}";
  private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  private final RawResponses raw = new RawResponses();
  private final IamClient iam = SERVER.adminIam(raw);

  @Test
  void createPolicy_withDescription_doesNotEchoItButGetPolicyDoes() {
    Policy created = iam.createPolicy(b -> b.policyName("described").policyDocument(DOCUMENT)
        .description("reads objects")).policy();
    String createXml = raw.last();

    Policy fetched = iam.getPolicy(b -> b.policyArn(created.arn())).policy();

    assertThat(created.description()).isNull();
    assertThat(createXml).doesNotContain("<Description>");
    assertThat(fetched.description()).isEqualTo("reads objects");
  }

  @Test
  void createPolicy_withoutTags_sendsNoTagsElement() {
    iam.createPolicy(b -> b.policyName("untagged").policyDocument(DOCUMENT));
    assertThat(raw.last()).contains("<PolicyName>untagged</PolicyName>").doesNotContain("<Tags");

    Policy tagged = iam.createPolicy(b -> b.policyName("tagged").policyDocument(DOCUMENT)
        .tags(tag("team", "blue"))).policy();
    assertThat(tagged.tags()).extracting(Tag::key).containsExactly("team");
    assertThat(raw.last()).contains("<Tags><member><Key>team</Key>");
  }

  @Test
  void getUserAndGetRole_withoutTags_sendNoTagsElement() {
    iam.createUser(b -> b.userName("plain-user"));
    iam.createRole(b -> b.roleName("plain-role").assumeRolePolicyDocument(TRUST));

    User user = iam.getUser(b -> b.userName("plain-user")).user();
    assertThat(raw.last()).contains("<UserName>plain-user</UserName>").doesNotContain("<Tags");
    Role role = iam.getRole(b -> b.roleName("plain-role")).role();
    assertThat(raw.last()).contains("<RoleName>plain-role</RoleName>").doesNotContain("<Tags");

    assertThat(user.hasTags()).isFalse();
    assertThat(role.hasTags()).isFalse();
  }

  @Test
  void listUsers_neverSendsPermissionsBoundaryOrTags() {
    iam.createUser(b -> b.userName("listed-user").permissionsBoundary(BOUNDARY)
        .tags(tag("team", "blue")));

    User listed = iam.listUsers().users().stream()
        .filter(u -> u.userName().equals("listed-user")).findFirst().orElseThrow();

    assertThat(raw.last()).contains("<UserName>listed-user</UserName>")
        .doesNotContain("<PermissionsBoundary>").doesNotContain("<Tags");
    assertThat(listed.permissionsBoundary()).isNull();
    assertThat(iam.getUser(b -> b.userName("listed-user")).user().permissionsBoundary()
        .permissionsBoundaryArn()).isEqualTo(BOUNDARY);
  }

  @Test
  void listRoles_neverSendsPermissionsBoundaryTagsOrRoleLastUsed() {
    iam.createRole(b -> b.roleName("listed-role").assumeRolePolicyDocument(TRUST)
        .permissionsBoundary(BOUNDARY).tags(tag("team", "blue")));

    Role listed = iam.listRoles().roles().stream()
        .filter(r -> r.roleName().equals("listed-role")).findFirst().orElseThrow();

    assertThat(raw.last()).contains("<RoleName>listed-role</RoleName>")
        .doesNotContain("<PermissionsBoundary>").doesNotContain("<Tags")
        .doesNotContain("<RoleLastUsed");
    assertThat(listed.permissionsBoundary()).isNull();
    assertThat(listed.roleLastUsed()).isNull();
  }

  @Test
  void getUserAndGetRole_withBoundary_sendPermissionsBoundaryTypePolicy() {
    iam.createUser(b -> b.userName("bounded-user").permissionsBoundary(BOUNDARY));
    iam.createRole(b -> b.roleName("bounded-role").assumeRolePolicyDocument(TRUST)
        .permissionsBoundary(BOUNDARY));

    User user = iam.getUser(b -> b.userName("bounded-user")).user();
    assertThat(raw.last()).contains("<PermissionsBoundary><PermissionsBoundaryType>Policy"
        + "</PermissionsBoundaryType><PermissionsBoundaryArn>" + BOUNDARY);
    Role role = iam.getRole(b -> b.roleName("bounded-role")).role();
    assertThat(raw.last()).contains("<PermissionsBoundaryType>Policy</PermissionsBoundaryType>");

    assertThat(user.permissionsBoundary().permissionsBoundaryTypeAsString()).isEqualTo("Policy");
    assertThat(role.permissionsBoundary().permissionsBoundaryTypeAsString()).isEqualTo("Policy");
  }

  @Test
  void getFederationToken_withoutPolicy_sendsPackedPolicySizeZero() {
    RawResponses stsRaw = new RawResponses();
    try (StsClient sts = SERVER.adminSts(stsRaw)) {
      Integer size = sts.getFederationToken(b -> b.name("no-policy")).packedPolicySize();

      assertThat(size).isZero();
      assertThat(stsRaw.last()).contains("<PackedPolicySize>0</PackedPolicySize>");
    }
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
