package dev.portcullis.server.iam;

import static dev.portcullis.server.iam.PolicyDocs.READ_S3;
import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;

class PolicyAttachmentTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  private final IamClient iam = SERVER.adminIam();

  private String createPolicy(String name, String path) {
    return iam.createPolicy(b -> b.policyName(name).path(path).policyDocument(READ_S3)).policy()
        .arn();
  }

  @Test
  void attachUserPolicy_thenListAttachedUserPolicies_showsNameAndArn() {
    iam.createUser(b -> b.userName("ann"));
    String own = createPolicy("ann-own", "/mine/");

    iam.attachUserPolicy(b -> b.userName("ann").policyArn(ADMIN));
    iam.attachUserPolicy(b -> b.userName("ANN").policyArn(own));

    assertThat(iam.listAttachedUserPolicies(b -> b.userName("ann")).attachedPolicies())
        .extracting(AttachedPolicy::policyName, AttachedPolicy::policyArn)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AdministratorAccess", ADMIN),
            org.assertj.core.groups.Tuple.tuple("ann-own", own));
    assertThat(iam.getPolicy(b -> b.policyArn(own)).policy().attachmentCount()).isEqualTo(1);
  }

  @Test
  void attachUserPolicy_twice_attachesOnce() {
    iam.createUser(b -> b.userName("twice"));

    iam.attachUserPolicy(b -> b.userName("twice").policyArn(READ_ONLY));
    iam.attachUserPolicy(b -> b.userName("twice").policyArn(READ_ONLY));

    assertThat(iam.listAttachedUserPolicies(b -> b.userName("twice")).attachedPolicies())
        .hasSize(1);
  }

  @Test
  void attachUserPolicy_beyondTen_isLimitExceeded() {
    iam.createUser(b -> b.userName("greedy"));
    IntStream.range(0, 10).forEach(i -> iam.attachUserPolicy(b -> b.userName("greedy")
        .policyArn(createPolicy("greedy" + i, "/"))));
    String eleventh = createPolicy("greedy10", "/");

    assertAwsError(() -> iam.attachUserPolicy(b -> b.userName("greedy").policyArn(eleventh)),
        "LimitExceeded", 409, "Cannot exceed quota for PoliciesPerUser: 10");
    iam.attachUserPolicy(b -> b.userName("greedy").policyArn(arnOf("greedy0")));
  }

  private String arnOf(String name) {
    return "arn:aws:iam::" + SERVER.accountId() + ":policy/" + name;
  }

  @Test
  void attachUserPolicy_whenPolicyOrUserMissing_isNoSuchEntity() {
    iam.createUser(b -> b.userName("lonely"));
    String missing = arnOf("missing");
    String missingAws = "arn:aws:iam::aws:policy/NoSuchAwsPolicy";

    assertAwsError(() -> iam.attachUserPolicy(b -> b.userName("lonely").policyArn(missing)),
        "NoSuchEntity", 404, "Policy " + missing + " does not exist or is not attachable.");
    assertAwsError(() -> iam.attachUserPolicy(b -> b.userName("lonely").policyArn(missingAws)),
        "NoSuchEntity", 404, "Policy " + missingAws + " does not exist or is not attachable.");
    assertAwsError(() -> iam.attachUserPolicy(b -> b.userName("nobody").policyArn(ADMIN)),
        "NoSuchEntity", 404, "The user with name nobody cannot be found.");
    assertAwsError(() -> iam.attachUserPolicy(b -> b.userName("lonely")
        .policyArn("arn:aws:iam::" + SERVER.accountId() + ":user/lonely")), "InvalidInput", 400,
        null);
  }

  @Test
  void attachUserPolicy_ofServiceLinkedRolePolicy_isPolicyNotAttachable() {
    iam.createUser(b -> b.userName("no-service"));
    String serviceRolePolicy = iam.listPoliciesPaginator(b -> b.pathPrefix("/aws-service-role/"))
        .policies().stream().findFirst().orElseThrow().arn();

    assertAwsError(() -> iam.attachUserPolicy(b -> b.userName("no-service")
        .policyArn(serviceRolePolicy)), "PolicyNotAttachable", 400, null);
  }

  @Test
  void detachUserPolicy_removesTheAttachment_andWhenNotAttachedIsNoSuchEntity() {
    iam.createUser(b -> b.userName("detacher"));
    iam.attachUserPolicy(b -> b.userName("detacher").policyArn(ADMIN));

    iam.detachUserPolicy(b -> b.userName("detacher").policyArn(ADMIN));

    assertThat(iam.listAttachedUserPolicies(b -> b.userName("detacher")).attachedPolicies())
        .isEmpty();
    assertAwsError(() -> iam.detachUserPolicy(b -> b.userName("detacher").policyArn(ADMIN)),
        "NoSuchEntity", 404, "Policy " + ADMIN + " was not found.");
  }

  @Test
  void listAttachedUserPolicies_filtersByPathPrefix_andPages() {
    iam.createUser(b -> b.userName("lister"));
    IntStream.range(0, 5).forEach(i -> iam.attachUserPolicy(b -> b.userName("lister")
        .policyArn(createPolicy("listed" + i, i < 3 ? "/three/" : "/two/"))));

    List<String> three = iam.listAttachedUserPolicies(b -> b.userName("lister")
        .pathPrefix("/three/")).attachedPolicies().stream().map(AttachedPolicy::policyName)
        .toList();
    ListAttachedUserPoliciesResponse first = iam.listAttachedUserPolicies(b -> b
        .userName("lister").maxItems(2));
    ListAttachedUserPoliciesResponse rest = iam.listAttachedUserPolicies(b -> b
        .userName("lister").marker(first.marker()));

    assertThat(three).containsExactly("listed0", "listed1", "listed2");
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.attachedPolicies()).hasSize(2);
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.attachedPolicies()).extracting(AttachedPolicy::policyName)
        .containsExactly("listed2", "listed3", "listed4");
  }

  @Test
  void deleteUser_withAttachedPolicy_isDeleteConflict() {
    iam.createUser(b -> b.userName("attached-user"));
    iam.attachUserPolicy(b -> b.userName("attached-user").policyArn(ADMIN));

    assertAwsError(() -> iam.deleteUser(b -> b.userName("attached-user")), "DeleteConflict", 409,
        "Cannot delete entity, must detach all policies first.");
    iam.detachUserPolicy(b -> b.userName("attached-user").policyArn(ADMIN));
    iam.deleteUser(b -> b.userName("attached-user"));
  }

  @Test
  void groupPolicies_attachListDetach_andQuotaAndDeleteConflict() {
    iam.createGroup(b -> b.groupName("admins"));

    iam.attachGroupPolicy(b -> b.groupName("admins").policyArn(ADMIN));

    assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("admins")).attachedPolicies())
        .extracting(AttachedPolicy::policyArn).containsExactly(ADMIN);
    assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(ADMIN)).policyGroups())
        .extracting(PolicyGroup::groupName).containsExactly("Administrators", "admins");
    assertAwsError(() -> iam.deleteGroup(b -> b.groupName("admins")), "DeleteConflict", 409,
        "Cannot delete entity, must detach all policies first.");
    IntStream.range(0, 9).forEach(i -> iam.attachGroupPolicy(b -> b.groupName("admins")
        .policyArn(createPolicy("grp" + i, "/"))));
    String extra = createPolicy("grp-extra", "/");
    assertAwsError(() -> iam.attachGroupPolicy(b -> b.groupName("admins").policyArn(extra)),
        "LimitExceeded", 409, "Cannot exceed quota for PoliciesPerGroup: 10");
    assertAwsError(() -> iam.attachGroupPolicy(b -> b.groupName("ghosts").policyArn(ADMIN)),
        "NoSuchEntity", 404, "The group with name ghosts cannot be found.");
    iam.detachGroupPolicy(b -> b.groupName("admins").policyArn(ADMIN));
    assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("admins")).attachedPolicies())
        .hasSize(9);
  }

  @Test
  void rolePolicies_attachListDetach_andQuota() {
    iam.createRole(b -> b.roleName("worker").path("/svc/")
        .assumeRolePolicyDocument(PolicyDocs.EC2_TRUST));

    iam.attachRolePolicy(b -> b.roleName("worker").policyArn(READ_ONLY));

    assertThat(iam.listAttachedRolePolicies(b -> b.roleName("worker")).attachedPolicies())
        .extracting(AttachedPolicy::policyName).containsExactly("ReadOnlyAccess");
    assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(READ_ONLY)
        .entityFilter("Role")).policyRoles()).extracting(PolicyRole::roleName)
        .containsExactly("worker");
    IntStream.range(0, 9).forEach(i -> iam.attachRolePolicy(b -> b.roleName("worker")
        .policyArn(createPolicy("role" + i, "/"))));
    String extra = createPolicy("role-extra", "/");
    assertAwsError(() -> iam.attachRolePolicy(b -> b.roleName("worker").policyArn(extra)),
        "LimitExceeded", 409, "Cannot exceed quota for PoliciesPerRole: 10");
    assertAwsError(() -> iam.detachRolePolicy(b -> b.roleName("nobody").policyArn(READ_ONLY)),
        "NoSuchEntity", 404, "The role with name nobody cannot be found.");
    assertAwsError(() -> iam.deleteRole(b -> b.roleName("worker")), "DeleteConflict", 409,
        "Cannot delete entity, must detach all policies first.");
    iam.detachRolePolicy(b -> b.roleName("worker").policyArn(READ_ONLY));
    assertThat(iam.listAttachedRolePolicies(b -> b.roleName("worker")).attachedPolicies())
        .hasSize(9);
  }

  @Test
  void bootstrapAdministrator_isInAdministratorsWithAdministratorAccess() {
    assertThat(iam.listGroupsForUser(b -> b.userName("admin")).groups())
        .extracting(software.amazon.awssdk.services.iam.model.Group::groupName)
        .containsExactly("Administrators");
    assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("Administrators"))
        .attachedPolicies()).extracting(AttachedPolicy::policyArn).containsExactly(ADMIN);
  }
}
