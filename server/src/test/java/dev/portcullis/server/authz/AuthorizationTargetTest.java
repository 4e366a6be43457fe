package dev.portcullis.server.authz;

import static dev.portcullis.server.authz.AuthorizationTest.denied;
import static dev.portcullis.server.authz.AuthorizationTest.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.server.testing.ServerExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Each request is authorized on the resource AWS authorizes it on: GetAccessKeyLastUsed on the
 * key's owner, AddRoleToInstanceProfile also with iam:PassRole on the role, a Create request on
 * the entity as the request describes it, whether or not the name is taken; a request names a
 * Region AWS has, and IAM's requests are for us-east-1 whatever Region signed them; a malformed
 * ARN is a ValidationError before anything is authorized.
 */
class AuthorizationTargetTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{"
      + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
      + "\"Action\":\"sts:AssumeRole\"}]}";
  private final IamClient admin = SERVER.adminIam();

  @Test
  void getAccessKeyLastUsed_whenTheKeyIsAnotherUsers_isAuthorizedOnItsOwner() {
    AccessKey mine = key("ka");
    IamClient asKa = client(mine);
    AccessKey neighbours = key("ka-neighbour");
    admin.putUserPolicy(b -> b.userName("ka").policyName("own-keys").policyDocument(
        policy("Allow", "iam:GetAccessKeyLastUsed", "arn:aws:iam::*:user/${aws:username}")));
    String own = mine.accessKeyId();

    assertThat(asKa.getAccessKeyLastUsed(b -> b.accessKeyId(own)).userName()).isEqualTo("ka");
    String message = denied(() -> asKa.getAccessKeyLastUsed(
        b -> b.accessKeyId(neighbours.accessKeyId())));

    assertThat(message).contains("iam:GetAccessKeyLastUsed on resource: access key "
        + neighbours.accessKeyId() + " because no identity-based policy allows");
  }

  @Test
  void getAccessKeyLastUsed_deniedForAnotherUsersKey_readsAsForAKeyThatDoesNotExist() {
    IamClient asKo = clientFor("ko");
    AccessKey secret = key("ko-admin");
    String unknown = "AKIAIOSFODNN7EXAMPLE";

    String existing = denied(() -> asKo.getAccessKeyLastUsed(
        b -> b.accessKeyId(secret.accessKeyId())));
    String missing = denied(() -> asKo.getAccessKeyLastUsed(b -> b.accessKeyId(unknown)));

    assertThat(existing).doesNotContain("ko-admin");
    assertThat(before(existing).replace(secret.accessKeyId(), unknown))
        .isEqualTo(before(missing));
  }

  /** A denial's text up to its encoded message, which only DecodeAuthorizationMessage reads. */
  private static String before(String message) {
    int encoded = message.indexOf(". Encoded authorization failure message:");
    return encoded < 0 ? message : message.substring(0, encoded);
  }

  @Test
  void getAccessKeyLastUsed_whenTheKeyDoesNotExist_isAccessDeniedForEveryone() {
    IamClient asKe = clientFor("ke");
    admin.putUserPolicy(b -> b.userName("ke").policyName("all-keys").policyDocument(
        policy("Allow", "iam:GetAccessKeyLastUsed", "*")));

    assertThat(denied(() -> asKe.getAccessKeyLastUsed(b -> b.accessKeyId(
        "AKIAIOSFODNN7EXAMPLE")))).contains("on resource: access key AKIAIOSFODNN7EXAMPLE");
    assertThat(denied(() -> admin.getAccessKeyLastUsed(b -> b.accessKeyId(
        "AKIAIOSFODNN7EXAMPLE")))).contains("on resource: access key AKIAIOSFODNN7EXAMPLE");
  }

  @Test
  void addRoleToInstanceProfile_withoutPassRole_isDenied_andWithItAllowed() {
    IamClient asPa = clientFor("pa");
    admin.createRole(b -> b.roleName("pa-role").assumeRolePolicyDocument(EC2_TRUST));
    admin.createInstanceProfile(b -> b.instanceProfileName("pa-profile"));
    admin.putUserPolicy(b -> b.userName("pa").policyName("profiles").policyDocument(
        policy("Allow", "iam:AddRoleToInstanceProfile", "*")));

    String message = denied(() -> asPa.addRoleToInstanceProfile(
        b -> b.instanceProfileName("pa-profile").roleName("pa-role")));
    assertThat(message).contains("iam:PassRole on resource: role pa-role");

    admin.putUserPolicy(b -> b.userName("pa").policyName("pass").policyDocument(
        policy("Allow", "iam:PassRole", "arn:aws:iam::*:role/pa-role")));
    asPa.addRoleToInstanceProfile(b -> b.instanceProfileName("pa-profile").roleName("pa-role"));
    assertThat(admin.getInstanceProfile(b -> b.instanceProfileName("pa-profile"))
        .instanceProfile().roles()).extracting(r -> r.roleName()).containsExactly("pa-role");
  }

  @Test
  void addRoleToInstanceProfile_passRoleCondition_seesTheServiceAndTheAssociatedResource() {
    IamClient asPe = clientFor("pe");
    admin.createRole(b -> b.roleName("pe-role").assumeRolePolicyDocument(EC2_TRUST));
    admin.createInstanceProfile(b -> b.instanceProfileName("pe-profile"));
    admin.putUserPolicy(b -> b.userName("pe").policyName("profiles").policyDocument(
        policy("Allow", "iam:AddRoleToInstanceProfile", "*")));
    admin.putUserPolicy(b -> b.userName("pe").policyName("pass").policyDocument(
        passRoleWhen("StringEquals", "iam:PassedToService", "lambda.amazonaws.com")));

    assertThat(denied(() -> asPe.addRoleToInstanceProfile(
        b -> b.instanceProfileName("pe-profile").roleName("pe-role"))))
        .contains("iam:PassRole on resource: role pe-role");

    admin.putUserPolicy(b -> b.userName("pe").policyName("pass").policyDocument(
        passRoleWhen("StringEquals", "iam:PassedToService", "ec2.amazonaws.com")));
    admin.putUserPolicy(b -> b.userName("pe").policyName("where").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":"
        + "\"iam:PassRole\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{"
        + "\"iam:AssociatedResourceArn\":\"arn:aws:ec2:*:" + SERVER.accountId()
        + ":instance/*\"}}}]}"));
    asPe.addRoleToInstanceProfile(b -> b.instanceProfileName("pe-profile").roleName("pe-role"));
  }

  @Test
  void createUser_deniedByPath_answersAccessDeniedWhetherOrNotTheNameExists() {
    IamClient asCu = clientFor("cu");
    admin.createUser(b -> b.userName("cu-taken").path("/admin/"));
    admin.putUserPolicy(b -> b.userName("cu").policyName("admin-path").policyDocument(
        policy("Allow", "iam:CreateUser", "arn:aws:iam::*:user/admin/*")));

    String taken = denied(() -> asCu.createUser(b -> b.userName("cu-taken").path("/public/")));
    String free = denied(() -> asCu.createUser(b -> b.userName("cu-free").path("/public/")));

    assertThat(taken).contains("iam:CreateUser on resource: user cu-taken because");
    assertThat(free).contains("iam:CreateUser on resource: user cu-free because");
  }

  @Test
  void createRole_isNotAuthorizedWithTheTagsOfAnExistingRoleOfThatName() {
    IamClient asCr = clientFor("cr");
    admin.createRole(b -> b.roleName("cr-taken").assumeRolePolicyDocument(EC2_TRUST)
        .tags(t -> t.key("team").value("blue")));
    admin.putUserPolicy(b -> b.userName("cr").policyName("blue-roles").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"iam:CreateRole\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{"
        + "\"aws:ResourceTag/team\":\"blue\"}}}]}"));

    String taken = denied(() -> asCr.createRole(b -> b.roleName("cr-taken")
        .assumeRolePolicyDocument(EC2_TRUST)));
    String free = denied(() -> asCr.createRole(b -> b.roleName("cr-free")
        .assumeRolePolicyDocument(EC2_TRUST)));

    assertThat(taken).contains("on resource: role cr-taken because");
    assertThat(free).contains("on resource: role cr-free because");
  }

  @Test
  void createPolicy_allowedCaller_stillLearnsThatTheNameIsTaken() {
    IamClient asCp = clientFor("cp");
    admin.putUserPolicy(b -> b.userName("cp").policyName("policies").policyDocument(
        policy("Allow", "iam:CreatePolicy", "*")));
    String doc = policy("Allow", "s3:GetObject", "*");
    asCp.createPolicy(b -> b.policyName("cp-policy").policyDocument(doc));

    assertThatThrownBy(() -> asCp.createPolicy(b -> b.policyName("cp-policy")
        .policyDocument(doc))).isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists"));
  }

  @Test
  void iamRequest_signedForAnotherRegion_isAddressedToUsEast1() {
    AccessKey key = key("rg");
    admin.putUserPolicy(b -> b.userName("rg").policyName("region").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"iam:GetUser\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{"
        + "\"aws:RequestedRegion\":\"eu-west-1\"}}}]}"));
    try (IamClient inEu = IamClient.builder().endpointOverride(SERVER.endpoint())
        .region(Region.EU_WEST_1).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create()).build()) {

      assertThat(denied(() -> inEu.getUser())).contains("iam:GetUser on resource: user rg");
    }
  }

  @Test
  void iamPresignedGet_signedForAnotherRegion_isAddressedToUsEast1() throws Exception {
    // Query authentication is the other way to choose a credential scope; it gets no further.
    AccessKey key = key("rq");
    admin.putUserPolicy(b -> b.userName("rq").policyName("region").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"iam:GetUser\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{"
        + "\"aws:RequestedRegion\":\"eu-west-1\"}}}]}"));
    SdkHttpRequest presigned = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
        .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(SERVER.endpoint()
            .resolve("/?Action=GetUser&Version=2010-05-08")).build())
        .payload(ContentStreamProvider.fromUtf8String(""))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))).request();

    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(presigned.getUri()).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(presigned.getUri().getRawQuery()).contains("%2Feu-west-1%2Fiam%2F");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.body()).contains("<Code>AccessDenied</Code>")
        .contains("iam:GetUser on resource: user rq");
  }

  @Test
  void stsRequest_scopedToARegionAwsDoesNotHave_isSignatureDoesNotMatch() {
    try (StsClient evil = StsClient.builder().endpointOverride(SERVER.endpoint())
        .region(Region.of("eu-evil-9")).credentialsProvider(
            StaticCredentialsProvider.create(SERVER.adminCredentials()))
        .httpClient(UrlConnectionHttpClient.create()).build()) {

      assertThatThrownBy(() -> evil.getCallerIdentity()).isInstanceOfSatisfying(
          AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                "Credential should be scoped to a valid region, not 'eu-evil-9'. ");
          });
    }
  }

  @Test
  void attachUserPolicy_withAMalformedPolicyArn_isValidationErrorEvenForADeniedCaller() {
    IamClient asMa = clientFor("ma");

    assertThatThrownBy(() -> asMa.attachUserPolicy(b -> b.userName("ma")
        .policyArn("this-is-not-an-arn-at-all"))).isInstanceOfSatisfying(AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Invalid ARN:  Could not be parsed!");
            });
    assertThatThrownBy(() -> admin.detachRolePolicy(b -> b.roleName("nobody")
        .policyArn("arn:aws:iam::123456789012"))).isInstanceOfSatisfying(
            AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                .isEqualTo("ValidationError"));
  }

  @Test
  void assumeRole_withAMalformedRoleArn_isValidationErrorEvenForADeniedCaller() {
    AccessKey key = key("mr");
    try (StsClient asMr = SERVER.sts(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()))) {

      assertThatThrownBy(() -> asMr.assumeRole(b -> b.roleArn("this-is-not-an-arn-at-all")
          .roleSessionName("session"))).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Invalid ARN:  Could not be parsed!");
          });
    }
  }

  @Test
  void liveRequest_stillCarriesPrincipalAccountAndPrincipalType() {
    IamClient asPt = clientFor("pt");
    admin.putUserPolicy(b -> b.userName("pt").policyName("who").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"iam:GetUser\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{"
        + "\"aws:PrincipalType\":\"User\",\"aws:PrincipalAccount\":\"" + SERVER.accountId()
        + "\"}}}]}"));

    assertThat(asPt.getUser().user().userName()).isEqualTo("pt");
  }

  private static String passRoleWhen(String operator, String key, String value) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"iam:PassRole\",\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"" + key
        + "\":\"" + value + "\"}}}]}";
  }

  private AccessKey key(String userName) {
    admin.createUser(b -> b.userName(userName));
    return admin.createAccessKey(b -> b.userName(userName)).accessKey();
  }

  private IamClient clientFor(String userName) {
    return client(key(userName));
  }

  private static IamClient client(AccessKey key) {
    return SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
  }
}
