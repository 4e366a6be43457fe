package dev.portcullis.server.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every call is authorized with AWS's evaluation logic, seen through the AWS SDK with users'
 * own keys: what no policy allows is denied, an attached policy allows on the next request, an
 * explicit deny wins, groups and boundaries count, and policy variables and condition keys are
 * those AWS sets for the call.
 */
class AuthorizationTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
  private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  private final IamClient admin = SERVER.adminIam();

  @Test
  void userWithoutPolicies_isImplicitlyDeniedInAwsWords() {
    IamClient asNone = clientFor("nopol");

    String message = denied(() -> asNone.listUsers());

    assertThat(message).startsWith("User: arn:aws:iam::" + SERVER.accountId()
        + ":user/nopol is not authorized to perform: iam:ListUsers on resource: user path / "
        + "because no identity-based policy allows the iam:ListUsers action. "
        + "Encoded authorization failure message: ");
  }

  @Test
  void attachingAPolicy_allowsOnTheNextRequest_andDetachingDeniesAgain() {
    IamClient asAl = clientFor("al");
    denied(() -> asAl.listUsers());

    admin.attachUserPolicy(b -> b.userName("al").policyArn(READ_ONLY));
    assertThat(asAl.listUsers().users()).isNotEmpty();

    admin.detachUserPolicy(b -> b.userName("al").policyArn(READ_ONLY));
    denied(() -> asAl.listUsers());
  }

  @Test
  void explicitDeny_beatsAnAllow() {
    IamClient asBo = clientFor("bo");
    admin.attachUserPolicy(b -> b.userName("bo").policyArn(ADMIN));
    admin.putUserPolicy(b -> b.userName("bo").policyName("no-deletes").policyDocument(
        policy("Deny", "iam:DeleteUser", "*")));
    admin.createUser(b -> b.userName("bo-target"));

    String message = denied(() -> asBo.deleteUser(b -> b.userName("bo-target")));

    assertThat(message).contains("iam:DeleteUser on resource: user bo-target with an explicit "
        + "deny in an identity-based policy");
    assertThat(asBo.getUser(b -> b.userName("bo-target")).user().userName())
        .isEqualTo("bo-target");
  }

  @Test
  void groupPolicy_appliesToItsMembersOnly() {
    IamClient asCy = clientFor("cy");
    admin.createGroup(b -> b.groupName("auditors"));
    admin.attachGroupPolicy(b -> b.groupName("auditors").policyArn(READ_ONLY));

    denied(() -> asCy.listRoles());
    admin.addUserToGroup(b -> b.groupName("auditors").userName("cy"));
    assertThat(asCy.listRoles().roles()).isNotNull();
    admin.removeUserFromGroup(b -> b.groupName("auditors").userName("cy"));
    denied(() -> asCy.listRoles());
  }

  @Test
  void permissionsBoundary_narrowsWhatTheIdentityPolicyAllows() {
    IamClient asDi = clientFor("di");
    admin.attachUserPolicy(b -> b.userName("di").policyArn(ADMIN));
    admin.putUserPermissionsBoundary(b -> b.userName("di").permissionsBoundary(READ_ONLY));

    assertThat(asDi.listUsers().users()).isNotEmpty();
    String message = denied(() -> asDi.createUser(b -> b.userName("di-made")));

    assertThat(message).contains("because no permissions boundary allows the iam:CreateUser "
        + "action");
  }

  @Test
  void usernameVariable_letsAUserManageOnlyTheirOwnAccessKeys() {
    IamClient asEd = clientFor("ed");
    admin.createUser(b -> b.userName("ed-neighbour"));
    admin.putUserPolicy(b -> b.userName("ed").policyName("own-keys").policyDocument(
        policy("Allow", "iam:*AccessKey*", "arn:aws:iam::*:user/${aws:username}")));

    AccessKey second = asEd.createAccessKey().accessKey();
    assertThat(asEd.listAccessKeys().accessKeyMetadata()).hasSize(2);
    asEd.deleteAccessKey(b -> b.accessKeyId(second.accessKeyId()));

    String message = denied(() -> asEd.createAccessKey(b -> b.userName("ed-neighbour")));
    assertThat(message).contains("iam:CreateAccessKey on resource: user ed-neighbour");
  }

  @Test
  void resourceTagCondition_matchesThePrincipalTag() {
    IamClient asFi = clientFor("fi");
    admin.tagUser(b -> b.userName("fi").tags(t -> t.key("team").value("blue")));
    admin.createUser(b -> b.userName("fi-blue").tags(t -> t.key("team").value("blue")));
    admin.createUser(b -> b.userName("fi-red").tags(t -> t.key("team").value("red")));
    admin.putUserPolicy(b -> b.userName("fi").policyName("same-team").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
        + "{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}}]}"));

    assertThat(asFi.getUser(b -> b.userName("fi-blue")).user().userName()).isEqualTo("fi-blue");
    denied(() -> asFi.getUser(b -> b.userName("fi-red")));
  }

  @Test
  void requestTagAndPermissionsBoundaryConditions_governCreateUser() {
    IamClient asGu = clientFor("gu");
    admin.putUserPolicy(b -> b.userName("gu").policyName("delegated").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":[\"iam:CreateUser\",\"iam:TagUser\"],\"Resource\":\"*\",\"Condition\":{"
        + "\"StringEquals\":{\"aws:RequestTag/owner\":\"gu\",\"iam:PermissionsBoundary\":\""
        + READ_ONLY + "\"}}}]}"));

    denied(() -> asGu.createUser(b -> b.userName("gu-1")));
    denied(() -> asGu.createUser(b -> b.userName("gu-2").permissionsBoundary(READ_ONLY)
        .tags(t -> t.key("owner").value("someone-else"))));
    asGu.createUser(b -> b.userName("gu-3").permissionsBoundary(READ_ONLY)
        .tags(t -> t.key("owner").value("gu")));
    assertThat(admin.getUser(b -> b.userName("gu-3")).user().permissionsBoundary()
        .permissionsBoundaryArn()).isEqualTo(READ_ONLY);
  }

  @Test
  void policyArnCondition_limitsWhichPoliciesMayBeAttached() {
    IamClient asHa = clientFor("ha");
    admin.createUser(b -> b.userName("ha-target"));
    admin.putUserPolicy(b -> b.userName("ha").policyName("attach-read-only").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"iam:AttachUserPolicy\",\"Resource\":\"*\",\"Condition\":{"
        + "\"ArnEquals\":{\"iam:PolicyARN\":\"" + READ_ONLY + "\"}}}]}"));

    asHa.attachUserPolicy(b -> b.userName("ha-target").policyArn(READ_ONLY));
    denied(() -> asHa.attachUserPolicy(b -> b.userName("ha-target").policyArn(ADMIN)));
  }

  @Test
  void encodedMessage_decodesToTheEvaluationTrace() throws Exception {
    IamClient asIo = clientFor("io");
    admin.putUserPolicy(b -> b.userName("io").policyName("no-roles").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoRoles\",\"Effect\":\"Deny\","
        + "\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}"));
    String message = denied(() -> asIo.listRoles());
    String encoded = message.substring(message.indexOf("message: ") + "message: ".length());

    String decoded;
    try (StsClient sts = SERVER.adminSts()) {
      decoded = sts.decodeAuthorizationMessage(b -> b.encodedMessage(encoded)).decodedMessage();
    }

    JsonNode trace = JSON.readTree(decoded);
    assertThat(trace.path("allowed").asBoolean()).isFalse();
    assertThat(trace.path("explicitDeny").asBoolean()).isTrue();
    assertThat(trace.path("matchedStatements").path("items").get(0).path("statementId")
        .asText()).isEqualTo("NoRoles");
    assertThat(trace.path("context").path("action").asText()).isEqualTo("iam:ListRoles");
    assertThat(trace.path("context").path("principal").path("arn").asText())
        .endsWith(":user/io");
    assertThat(trace.path("policiesConsidered").toString()).contains("no-roles");
  }

  @Test
  void decodeAuthorizationMessage_needsPermission_andRejectsForgeries() {
    IamClient asJo = clientFor("jo");
    String message = denied(() -> asJo.listRoles());
    String encoded = message.substring(message.indexOf("message: ") + "message: ".length());
    AccessKey key = newUserKey("jo-decoder");
    try (StsClient asNobody = SERVER.sts(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey())); StsClient asAdmin = SERVER.adminSts()) {
      assertThatThrownBy(() -> asNobody.decodeAuthorizationMessage(b -> b.encodedMessage(
          encoded))).isInstanceOfSatisfying(AwsServiceException.class, e ->
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
      assertThatThrownBy(() -> asAdmin.decodeAuthorizationMessage(b -> b.encodedMessage(
          "v1:" + encoded.substring(4, 40) + "forged"))).isInstanceOfSatisfying(
          AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode())
                .isEqualTo("InvalidAuthorizationMessageException");
            assertThat(e.statusCode()).isEqualTo(400);
          });
    }
  }

  @Test
  void getCallerIdentity_needsNoPermission() {
    AccessKey key = newUserKey("ko");
    try (StsClient sts = SERVER.sts(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()))) {
      assertThat(sts.getCallerIdentity().arn()).endsWith(":user/ko");
    }
  }

  @Test
  void policyArnInAnotherCase_doesNotHideThePolicysTagsFromADeny() {
    String arn = admin.createPolicy(b -> b.policyName("Protected").policyDocument(
        policy("Allow", "iam:GetUser", "*")).tags(t -> t.key("protected").value("true")))
        .policy().arn();
    IamClient asMal = clientFor("mal");
    admin.putUserPolicy(b -> b.userName("mal").policyName("p").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "[\"iam:GetPolicy\",\"iam:CreatePolicyVersion\"],\"Resource\":\"*\"},"
        + "{\"Effect\":\"Deny\",\"Action\":\"iam:CreatePolicyVersion\",\"Resource\":\"*\","
        + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/protected\":\"true\"}}}]}"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> asMal.getPolicy(b -> b.policyArn(
        arn.replace("Protected", "PROTECTED"))));
    assertThat(denied(() -> asMal.createPolicyVersion(b -> b.policyArn(arn).policyDocument(
        policy("Allow", "*", "*")).setAsDefault(true)))).contains("explicit deny");
  }

  @Test
  void renamingAUser_needsPermissionOnTheOldAndTheNewName() {
    IamClient asRo = clientFor("ro");
    admin.createUser(b -> b.userName("bob"));
    admin.putUserPolicy(b -> b.userName("ro").policyName("bob-only").policyDocument(
        policy("Allow", "iam:UpdateUser", "arn:aws:iam::*:user/bob")));

    assertThat(denied(() -> asRo.updateUser(b -> b.userName("bob").newUserName("robert"))))
        .contains("iam:UpdateUser on resource: user robert");
    admin.putUserPolicy(b -> b.userName("ro").policyName("bob-only").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"iam:UpdateUser\",\"Resource\":[\"arn:aws:iam::*:user/bob\","
        + "\"arn:aws:iam::*:user/robert\"]}]}"));
    asRo.updateUser(b -> b.userName("bob").newUserName("robert"));
    assertThat(admin.getUser(b -> b.userName("robert")).user().userName()).isEqualTo("robert");
  }

  static String policy(String effect, String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect
        + "\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}]}";
  }

  /** Runs a call that must be denied and returns AccessDenied's message. */
  static String denied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    String[] message = new String[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.statusCode()).isEqualTo(403);
      message[0] = e.awsErrorDetails().errorMessage();
    });
    return message[0];
  }

  private AccessKey newUserKey(String userName) {
    admin.createUser(b -> b.userName(userName));
    return admin.createAccessKey(b -> b.userName(userName)).accessKey();
  }

  private IamClient clientFor(String userName) {
    AccessKey key = newUserKey(userName);
    return SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
  }
}
