package dev.portcullis.server.sts;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Tag keys beginning with {@code aws:} (in any case) are refused by every operation that sets
 * tags: IAM answers InvalidInput, STS InvalidParameterValue, and nothing is stored.
 */
class ReservedTagKeysTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
  private static final String MESSAGE = "Tag key %s is not valid: tag keys starting with aws: "
      + "are reserved for AWS internal use.";

  private final IamClient iam = SERVER.adminIam();
  private final StsClient sts = SERVER.adminSts();

  @Test
  void createUserAndTagUser_withAwsPrefixedKey_areInvalidInputAndStoreNothing() {
    assertIamRefused(() -> iam.createUser(b -> b.userName("reserved-u").tags(tag("aws:team"))),
        "aws:team");
    iam.createUser(b -> b.userName("tagged-u"));

    assertIamRefused(() -> iam.tagUser(b -> b.userName("tagged-u")
        .tags(tag("team"), tag("AWS:Team"))), "AWS:Team");

    assertThat(iam.listUsers().users()).noneMatch(u -> u.userName().equals("reserved-u"));
    assertThat(iam.listUserTags(b -> b.userName("tagged-u")).tags()).isEmpty();
  }

  @Test
  void createRoleAndTagRole_withAwsPrefixedKey_areInvalidInput() {
    String trust = String.format(StsFixtures.TRUST_ACCOUNT, SERVER.accountId());
    assertIamRefused(() -> iam.createRole(b -> b.roleName("reserved-r")
        .assumeRolePolicyDocument(trust).tags(tag("aws:cloudformation:stack-name"))),
        "aws:cloudformation:stack-name");
    iam.createRole(b -> b.roleName("tagged-r").assumeRolePolicyDocument(trust));

    assertIamRefused(() -> iam.tagRole(b -> b.roleName("tagged-r").tags(tag("Aws:x"))), "Aws:x");
    assertThat(iam.listRoleTags(b -> b.roleName("tagged-r")).tags()).isEmpty();
  }

  @Test
  void createPolicyAndTagPolicy_withAwsPrefixedKey_areInvalidInput() {
    assertIamRefused(() -> iam.createPolicy(b -> b.policyName("reserved-p")
        .policyDocument(DOCUMENT).tags(tag("aws:owner"))), "aws:owner");
    String arn = iam.createPolicy(b -> b.policyName("tagged-p").policyDocument(DOCUMENT))
        .policy().arn();

    assertIamRefused(() -> iam.tagPolicy(b -> b.policyArn(arn).tags(tag("aws:owner"))),
        "aws:owner");
  }

  @Test
  void instanceProfilesAndVirtualMfaDevices_withAwsPrefixedKey_areInvalidInput() {
    assertIamRefused(() -> iam.createInstanceProfile(b -> b.instanceProfileName("reserved-ip")
        .tags(tag("aws:x"))), "aws:x");
    iam.createInstanceProfile(b -> b.instanceProfileName("tagged-ip"));
    assertIamRefused(() -> iam.tagInstanceProfile(b -> b.instanceProfileName("tagged-ip")
        .tags(tag("aws:x"))), "aws:x");

    assertIamRefused(() -> iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("reserved-mfa")
        .tags(tag("aws:x"))), "aws:x");
    String serial = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("tagged-mfa"))
        .virtualMFADevice().serialNumber();
    assertIamRefused(() -> iam.tagMFADevice(b -> b.serialNumber(serial).tags(tag("aws:x"))),
        "aws:x");
  }

  @Test
  void tagKeys_thatOnlyContainAws_areAccepted() {
    iam.createUser(b -> b.userName("lookalike").tags(tag("awsome"), tag("team:aws:x"),
        tag("aws")));

    assertThat(iam.listUserTags(b -> b.userName("lookalike")).tags()).hasSize(3);
  }

  @Test
  void sessionTags_withAwsPrefixedKey_areInvalidParameterValue() {
    String arn = StsFixtures.role(SERVER, "/", "session-tags");

    assertAwsError(() -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")
        .tags(stsTag("aws:PrincipalTag"))), "InvalidParameterValue", 400,
        String.format(MESSAGE, "aws:PrincipalTag"));
    assertAwsError(() -> sts.getFederationToken(b -> b.name("fed")
        .tags(stsTag("AWS:username"))), "InvalidParameterValue", 400,
        String.format(MESSAGE, "AWS:username"));
  }

  private static void assertIamRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      String key) {
    assertAwsError(call, "InvalidInput", 400, String.format(MESSAGE, key));
  }

  private static Tag tag(String key) {
    return Tag.builder().key(key).value("v").build();
  }

  private static software.amazon.awssdk.services.sts.model.Tag stsTag(String key) {
    return software.amazon.awssdk.services.sts.model.Tag.builder().key(key).value("v").build();
  }
}
