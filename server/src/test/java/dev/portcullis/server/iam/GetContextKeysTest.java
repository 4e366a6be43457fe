package dev.portcullis.server.iam;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;

class GetContextKeysTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  private static final String DYNAMO = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
      + "\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":"
      + "\"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}\",\"Condition\":"
      + "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2015-08-16T12:00:00Z\"}}}}";
  private static final String MFA = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
      + "\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":"
      + "{\"aws:MultiFactorAuthPresent\":\"false\"},\"DateLessThan\":{\"AWS:CURRENTTIME\":"
      + "\"2030-01-01T00:00:00Z\"}}}}";

  private final IamClient iam = SERVER.adminIam();

  @Test
  void getContextKeysForCustomPolicy_listsVariablesAndConditionKeysOnce() {
    assertThat(iam.getContextKeysForCustomPolicy(b -> b.policyInputList(DYNAMO, MFA))
        .contextKeyNames()).containsExactly("aws:username", "aws:CurrentTime",
            "aws:MultiFactorAuthPresent");
  }

  @Test
  void getContextKeysForCustomPolicy_whenPolicyIsMalformed_isMalformedPolicyDocument() {
    assertAwsError(() -> iam.getContextKeysForCustomPolicy(b -> b.policyInputList("nope")),
        "MalformedPolicyDocument", 400);
  }

  @Test
  void getContextKeysForPrincipalPolicy_forUser_includesGroupPoliciesAndInputs() {
    iam.createUser(b -> b.userName("saanvi"));
    iam.createGroup(b -> b.groupName("dba"));
    iam.addUserToGroup(b -> b.groupName("dba").userName("saanvi"));
    iam.putGroupPolicy(b -> b.groupName("dba").policyName("dynamo").policyDocument(DYNAMO));
    String user = "arn:aws:iam::" + SERVER.accountId() + ":user/saanvi";

    assertThat(iam.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(user))
        .contextKeyNames()).containsExactly("aws:username", "aws:CurrentTime");
    assertThat(iam.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(user)
        .policyInputList(MFA)).contextKeyNames()).containsExactly("aws:username",
            "aws:CurrentTime", "aws:MultiFactorAuthPresent");
  }

  @Test
  void getContextKeysForPrincipalPolicy_whenEntityIsUnknown_isNoSuchEntity() {
    assertAwsError(() -> iam.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(
        "arn:aws:iam::" + SERVER.accountId() + ":group/ghosts")), "NoSuchEntity", 404,
        "The group with name ghosts cannot be found.");
  }
}
