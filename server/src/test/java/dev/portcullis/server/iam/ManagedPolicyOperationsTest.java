package dev.portcullis.server.iam;

import static dev.portcullis.server.iam.PolicyDocs.READ_S3;
import static dev.portcullis.server.iam.PolicyDocs.decoded;
import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;

class ManagedPolicyOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final String VIEW_ONLY = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess";

  private final IamClient iam = SERVER.adminIam();

  private String arn(String pathAndName) {
    return "arn:aws:iam::" + SERVER.accountId() + ":policy" + pathAndName;
  }

  private Policy create(String name) {
    return iam.createPolicy(b -> b.policyName(name).policyDocument(READ_S3)).policy();
  }

  @Test
  void createPolicy_thenGetPolicy_returnsAwsShapedPolicy() {
    Policy created = iam.createPolicy(b -> b.policyName("reader").path("/team/")
        .description("reads objects").policyDocument(READ_S3)
        .tags(Tag.builder().key("team").value("blue").build())).policy();

    Policy fetched = iam.getPolicy(b -> b.policyArn(created.arn())).policy();

    assertThat(created.policyId()).startsWith("ANPA").hasSize(21);
    assertThat(created.arn()).isEqualTo(arn("/team/reader"));
    assertThat(created.defaultVersionId()).isEqualTo("v1");
    assertThat(fetched.policyName()).isEqualTo("reader");
    assertThat(fetched.policyId()).isEqualTo(created.policyId());
    assertThat(fetched.path()).isEqualTo("/team/");
    assertThat(fetched.description()).isEqualTo("reads objects");
    assertThat(fetched.attachmentCount()).isZero();
    assertThat(fetched.permissionsBoundaryUsageCount()).isZero();
    assertThat(fetched.isAttachable()).isTrue();
    assertThat(fetched.createDate()).isEqualTo(fetched.updateDate()).isNotNull();
    assertThat(fetched.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(Tuple.tuple("team", "blue"));
  }

  @Test
  void createPolicy_thenGetPolicyVersion_returnsTheDocumentAsSent() {
    Policy created = iam.createPolicy(b -> b.policyName("lister")
        .policyDocument(PolicyDocs.LIST_S3)).policy();

    PolicyVersion v1 = iam.getPolicyVersion(b -> b.policyArn(created.arn()).versionId("v1"))
        .policyVersion();

    assertThat(decoded(v1.document())).isEqualTo(PolicyDocs.LIST_S3);
    assertThat(v1.isDefaultVersion()).isTrue();
  }

  @Test
  void createPolicy_whenNameTakenIgnoringCase_isEntityAlreadyExists() {
    create("dup");

    assertAwsError(() -> iam.createPolicy(b -> b.policyName("DUP").path("/other/")
        .policyDocument(READ_S3)), "EntityAlreadyExists", 409,
        "A policy called DUP already exists. Duplicate names are not allowed.");
  }

  @Test
  void createPolicy_whenDocumentMalformed_isMalformedPolicyDocument() {
    assertAwsError(() -> iam.createPolicy(b -> b.policyName("bad").policyDocument("{not json")),
        "MalformedPolicyDocument", 400, "Syntax errors in policy.");
    assertAwsError(() -> iam.createPolicy(b -> b.policyName("old").policyDocument(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")),
        "MalformedPolicyDocument", 400, "Policy document must be version 2012-10-17 or greater.");
  }

  @Test
  void createPolicy_whenDocumentOverQuota_isLimitExceeded() {
    iam.createPolicy(b -> b.policyName("biggest").policyDocument(PolicyDocs.ofSize(6144)));

    assertAwsError(() -> iam.createPolicy(b -> b.policyName("too-big")
        .policyDocument(PolicyDocs.ofSize(6145))), "LimitExceeded", 409,
        "Cannot exceed quota for PolicySize: 6144");
  }

  @Test
  void getPolicy_whenMissing_isNoSuchEntity_andWhenNotAPolicyArn_isInvalidInput() {
    String missing = arn("/nothing-here");
    assertAwsError(() -> iam.getPolicy(b -> b.policyArn(missing)), "NoSuchEntity", 404,
        "Policy " + missing + " was not found.");
    iam.createPolicy(b -> b.policyName("placed").path("/here/").policyDocument(READ_S3));
    String elsewhere = arn("/there/placed");
    assertAwsError(() -> iam.getPolicy(b -> b.policyArn(elsewhere)), "NoSuchEntity", 404,
        "Policy " + elsewhere + " was not found.");
    String userArn = "arn:aws:iam::" + SERVER.accountId() + ":user/someone";
    assertAwsError(() -> iam.getPolicy(b -> b.policyArn(userArn)), "InvalidInput", 400,
        "ARN " + userArn + " is not valid.");
  }

  @Test
  void awsManagedPolicies_existWithTheirRealDocuments() {
    Policy admin = iam.getPolicy(b -> b.policyArn(ADMIN)).policy();
    String adminDoc = decoded(iam.getPolicyVersion(b -> b.policyArn(ADMIN)
        .versionId(admin.defaultVersionId())).policyVersion().document());

    assertThat(admin.policyName()).isEqualTo("AdministratorAccess");
    assertThat(admin.policyId()).startsWith("ANPA").hasSize(21);
    assertThat(admin.path()).isEqualTo("/");
    assertThat(adminDoc).contains("\"Action\":\"*\"").contains("\"Resource\":\"*\"");
    assertThat(defaultDocument("arn:aws:iam::aws:policy/ReadOnlyAccess"))
        .contains("s3:Get*");
    assertThat(defaultDocument("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
        .contains("s3:Get*").contains("s3:List*");
    assertThat(defaultDocument("arn:aws:iam::aws:policy/IAMUserChangePassword"))
        .contains("iam:ChangePassword").contains("${aws:username}");
    assertThat(iam.getPolicy(b -> b.policyArn(
        "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")).policy().path())
        .isEqualTo("/job-function/");
  }

  private String defaultDocument(String policyArn) {
    Policy p = iam.getPolicy(b -> b.policyArn(policyArn)).policy();
    return decoded(iam.getPolicyVersion(b -> b.policyArn(policyArn)
        .versionId(p.defaultVersionId())).policyVersion().document());
  }

  @Test
  void awsManagedPolicies_listOneDefaultVersion_andCannotBeChanged() {
    List<PolicyVersion> versions = iam.listPolicyVersions(b -> b.policyArn(ADMIN)).versions();

    assertThat(versions).singleElement().satisfies(v -> {
      assertThat(v.isDefaultVersion()).isTrue();
      assertThat(v.document()).isNull();
    });
    assertAwsError(() -> iam.deletePolicy(b -> b.policyArn(ADMIN)), "AccessDenied", 403, null);
    assertAwsError(() -> iam.createPolicyVersion(b -> b.policyArn(ADMIN)
        .policyDocument(READ_S3)), "AccessDenied", 403, null);
    assertAwsError(() -> iam.tagPolicy(b -> b.policyArn(ADMIN)
        .tags(Tag.builder().key("k").value("v").build())), "AccessDenied", 403, null);
    assertAwsError(() -> iam.getPolicyVersion(b -> b.policyArn(ADMIN).versionId("v99")),
        "NoSuchEntity", 404,
        "Policy " + ADMIN + " version v99 does not exist or is not attachable.");
  }

  @Test
  void listPolicies_byScope_separatesAwsAndLocalPolicies() {
    create("scoped");

    List<String> local = iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.LOCAL))
        .policies().stream().map(Policy::arn).toList();
    List<String> aws = iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.AWS))
        .policies().stream().map(Policy::arn).toList();
    List<String> all = iam.listPoliciesPaginator(b -> b.maxItems(1000)).policies().stream()
        .map(Policy::arn).toList();

    assertThat(local).contains(arn("/scoped")).noneMatch(a -> a.contains(":aws:policy/"));
    assertThat(aws).contains(ADMIN).doesNotContain(arn("/scoped")).hasSizeGreaterThan(1000);
    assertThat(all).contains(ADMIN, arn("/scoped")).hasSize(aws.size() + local.size());
  }

  @Test
  void listPolicies_pagesWithMarker_andFiltersByPathPrefix() {
    IntStream.range(0, 5).forEach(i -> iam.createPolicy(b -> b.policyName("paged" + i)
        .path("/paged/").policyDocument(READ_S3)));

    ListPoliciesResponse first = iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)
        .pathPrefix("/paged/").maxItems(3));
    ListPoliciesResponse second = iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)
        .pathPrefix("/paged/").maxItems(3).marker(first.marker()));

    assertThat(first.isTruncated()).isTrue();
    assertThat(first.policies()).extracting(Policy::policyName)
        .containsExactly("paged0", "paged1", "paged2");
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.policies()).extracting(Policy::policyName)
        .containsExactly("paged3", "paged4");
    assertThat(first.policies().get(0).tags()).isEmpty();
  }

  @Test
  void listPolicies_onlyAttached_showsRealAttachmentAndBoundaryCounts() {
    Policy boundary = create("boundary-only");
    Policy permissions = create("permissions-only");
    iam.createUser(b -> b.userName("counted"));
    iam.createUser(b -> b.userName("bounded").permissionsBoundary(boundary.arn()));
    iam.attachUserPolicy(b -> b.userName("counted").policyArn(VIEW_ONLY));
    iam.attachUserPolicy(b -> b.userName("counted").policyArn(permissions.arn()));

    List<Policy> attached = iam.listPoliciesPaginator(b -> b.onlyAttached(true)
        .policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY)).policies().stream().toList();
    List<Policy> bounding = iam.listPoliciesPaginator(b -> b.onlyAttached(true)
        .policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY)).policies().stream().toList();

    assertThat(attached).filteredOn(p -> p.arn().equals(VIEW_ONLY)).singleElement()
        .satisfies(p -> assertThat(p.attachmentCount()).isEqualTo(1));
    assertThat(attached).extracting(Policy::arn).contains(permissions.arn())
        .doesNotContain(boundary.arn());
    assertThat(bounding).extracting(Policy::arn).contains(boundary.arn())
        .doesNotContain(permissions.arn());
    assertThat(iam.getPolicy(b -> b.policyArn(boundary.arn())).policy()
        .permissionsBoundaryUsageCount()).isEqualTo(1);
    assertThat(iam.getPolicy(b -> b.policyArn(VIEW_ONLY)).policy().attachmentCount())
        .isEqualTo(1);
  }

  @Test
  void createPolicyVersion_setAsDefault_movesTheDefault_andIdsAreNeverReused() {
    Policy p = create("versioned");

    PolicyVersion v2 = iam.createPolicyVersion(b -> b.policyArn(p.arn())
        .policyDocument(PolicyDocs.LIST_S3).setAsDefault(true)).policyVersion();
    PolicyVersion v3 = iam.createPolicyVersion(b -> b.policyArn(p.arn())
        .policyDocument(READ_S3)).policyVersion();
    iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId("v3"));
    PolicyVersion v4 = iam.createPolicyVersion(b -> b.policyArn(p.arn())
        .policyDocument(READ_S3)).policyVersion();

    assertThat(v2.versionId()).isEqualTo("v2");
    assertThat(v2.isDefaultVersion()).isTrue();
    assertThat(v3.isDefaultVersion()).isFalse();
    assertThat(v4.versionId()).isEqualTo("v4");
    assertThat(iam.getPolicy(b -> b.policyArn(p.arn())).policy().defaultVersionId())
        .isEqualTo("v2");
    assertThat(iam.listPolicyVersions(b -> b.policyArn(p.arn())).versions())
        .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
        .containsExactly(Tuple.tuple("v4", false), Tuple.tuple("v2", true),
            Tuple.tuple("v1", false));
    assertThat(decoded(iam.getPolicyVersion(b -> b.policyArn(p.arn()).versionId("v2"))
        .policyVersion().document())).isEqualTo(PolicyDocs.LIST_S3);
  }

  @Test
  void setDefaultPolicyVersion_changesTheDefault_andUnknownVersionIsNoSuchEntity() {
    Policy p = create("switcher");
    iam.createPolicyVersion(b -> b.policyArn(p.arn()).policyDocument(PolicyDocs.LIST_S3));

    iam.setDefaultPolicyVersion(b -> b.policyArn(p.arn()).versionId("v2"));

    assertThat(iam.getPolicy(b -> b.policyArn(p.arn())).policy().defaultVersionId())
        .isEqualTo("v2");
    assertThat(iam.getPolicyVersion(b -> b.policyArn(p.arn()).versionId("v1")).policyVersion()
        .isDefaultVersion()).isFalse();
    assertAwsError(() -> iam.setDefaultPolicyVersion(b -> b.policyArn(p.arn()).versionId("v7")),
        "NoSuchEntity", 404, "Policy " + p.arn() + " version v7 does not exist or is not "
        + "attachable.");
  }

  @Test
  void createPolicyVersion_whenFiveExist_isLimitExceeded() {
    Policy p = create("full");
    IntStream.range(0, 4).forEach(i -> iam.createPolicyVersion(b -> b.policyArn(p.arn())
        .policyDocument(READ_S3)));

    assertAwsError(() -> iam.createPolicyVersion(b -> b.policyArn(p.arn())
        .policyDocument(READ_S3)), "LimitExceeded", 409, "A managed policy can have up to 5 "
        + "versions. Before you create a new version, you must delete an existing version.");
  }

  @Test
  void createPolicyVersion_whenDocumentMalformed_isMalformedPolicyDocument() {
    Policy p = create("strict");

    assertAwsError(() -> iam.createPolicyVersion(b -> b.policyArn(p.arn()).policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
        + "\"Resource\":\"*\",\"Principal\":\"*\"}]}")), "MalformedPolicyDocument", 400,
        "Policy document should not specify a principal.");
  }

  @Test
  void deletePolicyVersion_whenDefault_isDeleteConflict() {
    Policy p = create("keeper");

    assertAwsError(() -> iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId("v1")),
        "DeleteConflict", 409, "Cannot delete the default version of a policy.");
  }

  @Test
  void deletePolicy_whenAttachedOrUsedAsBoundaryOrVersioned_isDeleteConflict() {
    Policy attached = create("attached-one");
    iam.createUser(b -> b.userName("holder"));
    iam.attachUserPolicy(b -> b.userName("holder").policyArn(attached.arn()));
    Policy bounding = create("bounding-one");
    iam.createUser(b -> b.userName("bounded-holder").permissionsBoundary(bounding.arn()));
    Policy versioned = create("versioned-one");
    iam.createPolicyVersion(b -> b.policyArn(versioned.arn()).policyDocument(READ_S3));

    assertAwsError(() -> iam.deletePolicy(b -> b.policyArn(attached.arn())), "DeleteConflict",
        409, "Cannot delete a policy attached to entities.");
    assertAwsError(() -> iam.deletePolicy(b -> b.policyArn(bounding.arn())), "DeleteConflict",
        409, "Cannot delete a policy attached to entities.");
    assertAwsError(() -> iam.deletePolicy(b -> b.policyArn(versioned.arn())), "DeleteConflict",
        409, "This policy has more than one version. Before you delete a policy, you must "
        + "delete the policy's versions. The default version is deleted with the policy.");
  }

  @Test
  void deletePolicy_removesThePolicyAndItsDefaultVersion() {
    Policy p = create("doomed");
    iam.createPolicyVersion(b -> b.policyArn(p.arn()).policyDocument(READ_S3)
        .setAsDefault(true));
    iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId("v1"));

    iam.deletePolicy(b -> b.policyArn(p.arn()));

    assertAwsError(() -> iam.getPolicy(b -> b.policyArn(p.arn())), "NoSuchEntity", 404, null);
    assertThat(create("doomed").defaultVersionId()).isEqualTo("v1");
  }

  @Test
  void tagPolicy_mergesAndUntagPolicyRemoves_andTagsAreLimitedToFifty() {
    Policy p = create("tagged");
    iam.tagPolicy(b -> b.policyArn(p.arn()).tags(tag("a", "1"), tag("b", "2")));
    iam.tagPolicy(b -> b.policyArn(p.arn()).tags(tag("A", "3")));
    iam.untagPolicy(b -> b.policyArn(p.arn()).tagKeys("b"));

    assertThat(iam.listPolicyTags(b -> b.policyArn(p.arn())).tags())
        .extracting(Tag::key, Tag::value).containsExactly(Tuple.tuple("A", "3"));
    List<Tag> many = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
    assertAwsError(() -> iam.tagPolicy(b -> b.policyArn(p.arn()).tags(many)), "LimitExceeded",
        409, "Cannot exceed quota for TagsPerPolicy: 50");
    assertThat(iam.listPolicyTags(b -> b.policyArn(ADMIN)).tags()).isEmpty();
  }

  @Test
  void listEntitiesForPolicy_filtersByUsageAndPath_andPages() {
    Policy p = create("shared");
    IntStream.range(0, 3).forEach(i -> {
      iam.createUser(b -> b.userName("ent" + i).path(i == 2 ? "/ops/" : "/"));
      iam.attachUserPolicy(b -> b.userName("ent" + i).policyArn(p.arn()));
    });
    iam.createUser(b -> b.userName("ent-boundary").permissionsBoundary(p.arn()));

    ListEntitiesForPolicyResponse all = iam.listEntitiesForPolicy(b -> b.policyArn(p.arn()));
    ListEntitiesForPolicyResponse attachedOnly = iam.listEntitiesForPolicy(b -> b
        .policyArn(p.arn()).policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY));
    ListEntitiesForPolicyResponse boundaryOnly = iam.listEntitiesForPolicy(b -> b
        .policyArn(p.arn()).policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY));
    ListEntitiesForPolicyResponse ops = iam.listEntitiesForPolicy(b -> b.policyArn(p.arn())
        .pathPrefix("/ops/"));
    ListEntitiesForPolicyResponse page1 = iam.listEntitiesForPolicy(b -> b.policyArn(p.arn())
        .maxItems(2));
    ListEntitiesForPolicyResponse page2 = iam.listEntitiesForPolicy(b -> b.policyArn(p.arn())
        .maxItems(2).marker(page1.marker()));

    assertThat(all.policyUsers()).extracting(PolicyUser::userName)
        .containsExactly("ent-boundary", "ent0", "ent1", "ent2");
    assertThat(all.policyUsers().get(0).userId()).startsWith("AIDA");
    assertThat(all.policyGroups()).isEmpty();
    assertThat(all.policyRoles()).isEmpty();
    assertThat(attachedOnly.policyUsers()).hasSize(3);
    assertThat(boundaryOnly.policyUsers()).extracting(PolicyUser::userName)
        .containsExactly("ent-boundary");
    assertThat(ops.policyUsers()).extracting(PolicyUser::userName).containsExactly("ent2");
    assertThat(page1.isTruncated()).isTrue();
    assertThat(page1.policyUsers()).hasSize(2);
    assertThat(page2.isTruncated()).isFalse();
    assertThat(page2.policyUsers()).extracting(PolicyUser::userName)
        .containsExactly("ent1", "ent2");
  }

  @Test
  void permissionsBoundary_mustNameAnExistingPolicy() {
    String missing = arn("/no-such-boundary");

    assertAwsError(() -> iam.createUser(b -> b.userName("unbounded")
        .permissionsBoundary(missing)), "NoSuchEntity", 404,
        "Policy " + missing + " does not exist or is not attachable.");
    iam.createUser(b -> b.userName("aws-bounded").permissionsBoundary(ADMIN));
    assertThat(iam.getUser(b -> b.userName("aws-bounded")).user().permissionsBoundary()
        .permissionsBoundaryArn()).isEqualTo(ADMIN);
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  @Test
  void getAccountSummary_countsCustomerManagedPolicies() {
    create("summarised");
    long local = iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.LOCAL)).policies()
        .stream().count();

    Map<SummaryKeyType, Integer> summary = iam.getAccountSummary().summaryMap();

    assertThat(summary.get(SummaryKeyType.POLICIES)).isEqualTo((int) local);
    assertThat(summary.get(SummaryKeyType.POLICY_VERSIONS_IN_USE)).isPositive();
  }
}
