package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.server.testing.CredentialsFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Every front door yields exactly one audit event per call, naming the caller as CloudTrail's
 * userIdentity does; a call that changed the store has its event appended in the transaction
 * of the change, every other call's is recorded.
 */
class FrontDoorEventsTest {
  private static final String ROLE = "audited-task";
  private static final String TRUST_ECS = "{\"Version\":\"2012-10-17\",\"Statement\":[{"
      + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},"
      + "\"Action\":\"sts:AssumeRole\"}]}";
  private static final RecordingTrail TRAIL = new RecordingTrail();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Path dataDir;
  private static PortcullisServer server;
  private static AwsBasicCredentials admin;
  private static IamClient iam;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("portcullis-events");
    server = PortcullisServer.start(ServerConfig.local(dataDir, 0)
        .withContainerCredentialsRoles(List.of(ROLE)), EdgeConfig.defaults(), store -> TRAIL);
    admin = CredentialsFile.read(server.dataDirectory().credentialsFile(), "portcullis");
    iam = iam(admin);
    iam.createRole(b -> b.roleName(ROLE).assumeRolePolicyDocument(TRUST_ECS));
  }

  @AfterAll
  static void stop() throws Exception {
    iam.close();
    server.close();
  }

  @Test
  void apiCall_signedInTheHeader_isOneRecordedEventOfTheIamUser() {
    String requestId = iam.getUser().responseMetadata().requestId();

    CallRecord event = onlyEvent(requestId, false);
    assertThat(event.eventName()).isEqualTo("GetUser");
    assertThat(event.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(event.error()).isNull();
    UserIdentity who = event.identity();
    assertThat(who.type()).isEqualTo("IAMUser");
    assertThat(who.userName()).isEqualTo("admin");
    assertThat(who.accessKeyId()).isEqualTo(admin.accessKeyId());
    assertThat(who.arn()).isEqualTo("arn:aws:iam::" + server.accountId() + ":user/admin");
    assertThat(who.sessionContext()).isNull();
  }

  @Test
  void changingCall_hasItsEventAppendedInTheTransactionOfTheChange() {
    String requestId = iam.createUser(b -> b.userName("audited-new")).responseMetadata()
        .requestId();

    CallRecord event = onlyEvent(requestId, true);
    assertThat(event.eventName()).isEqualTo("CreateUser");
    assertThat(event.input().string("UserName")).isEqualTo("audited-new");
    assertThat(event.output().struct("User").string("UserName")).isEqualTo("audited-new");
    assertThat(event.identity().type()).isEqualTo("IAMUser");
  }

  @Test
  void apiCall_presigned_isOneEventOfTheIamUser() throws Exception {
    SdkHttpRequest presigned = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(admin.accessKeyId(), admin.secretAccessKey()))
        .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint()
            .resolve("/?Action=ListUsers&Version=2010-05-08")).build())
        .payload(ContentStreamProvider.fromUtf8String(""))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))).request();

    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(presigned.getUri()).GET()
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    CallRecord event = onlyEvent(requestId(response), false);
    assertThat(event.eventName()).isEqualTo("ListUsers");
    assertThat(event.identity().type()).isEqualTo("IAMUser");
    assertThat(event.identity().accessKeyId()).isEqualTo(admin.accessKeyId());
  }

  @Test
  void roleSessionCall_isOneEventOfTheAssumedRoleIssuedByTheRole() {
    String roleArn = iam.createRole(b -> b.roleName("audited-admin").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
        + "\"AWS\":\"arn:aws:iam::" + server.accountId() + ":root\"},"
        + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
    Credentials c;
    String assumeRequestId;
    try (StsClient sts = sts(admin)) {
      var assumed = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("audit"));
      c = assumed.credentials();
      assumeRequestId = assumed.responseMetadata().requestId();
    }
    // Issuing the session is AssumeRole's change: its event commits with the session.
    CallRecord assume = onlyEvent(assumeRequestId, true);
    assertThat(assume.output().struct("Credentials").string("AccessKeyId"))
        .isEqualTo(c.accessKeyId());
    String requestId;
    try (StsClient asRole = sts(AwsSessionCredentials.create(c.accessKeyId(),
        c.secretAccessKey(), c.sessionToken()))) {
      requestId = asRole.getCallerIdentity().responseMetadata().requestId();
    }

    CallRecord event = onlyEvent(requestId, false);
    assertThat(event.eventSource()).isEqualTo("sts.amazonaws.com");
    UserIdentity who = event.identity();
    assertThat(who.type()).isEqualTo("AssumedRole");
    assertThat(who.arn()).endsWith(":assumed-role/audited-admin/audit");
    assertThat(who.accessKeyId()).isEqualTo(c.accessKeyId());
    assertThat(who.principalId()).endsWith(":audit").startsWith("AROA");
    UserIdentity.SessionIssuer issuer = who.sessionContext().sessionIssuer();
    assertThat(issuer.type()).isEqualTo("Role");
    assertThat(issuer.arn()).isEqualTo(roleArn);
    assertThat(issuer.userName()).isEqualTo("audited-admin");
    assertThat(who.sessionContext().creationDate()).isNotNull();
    assertThat(who.sessionContext().mfaAuthenticated()).isFalse();
  }

  @Test
  void containerCredentials_areOneAssumeRoleEventOfTheEcsTasksService() throws Exception {
    HttpResponse<String> first = container(token());
    HttpResponse<String> again = container(token());

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    // Issuing a session is the call's change (Store.writeIssuance): its event commits with it.
    CallRecord issued = onlyEvent(requestId(first), true);
    assertThat(issued.eventName()).isEqualTo("AssumeRole");
    assertThat(issued.eventSource()).isEqualTo("sts.amazonaws.com");
    assertThat(issued.recipientAccountId()).isEqualTo(server.accountId());
    assertThat(issued.identity().type()).isEqualTo("AWSService");
    assertThat(issued.identity().invokedBy()).isEqualTo("ecs-tasks.amazonaws.com");
    assertThat(issued.error()).isNull();
    // The second hands out the same session: one event of its own.
    CallRecord reused = onlyEvent(requestId(again), false);
    assertThat(reused.identity().invokedBy()).isEqualTo("ecs-tasks.amazonaws.com");
    assertThat(reused.output().struct("Credentials").string("AccessKeyId"))
        .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(first.body())
            .path("AccessKeyId").asText());
  }

  @Test
  void containerCredentials_withTheWrongToken_areOneRefusedEventOfNoKnownCaller()
      throws Exception {
    HttpResponse<String> refused = container("not-the-token");

    assertThat(refused.statusCode()).isEqualTo(403);
    CallRecord event = onlyEvent(requestId(refused), false);
    assertThat(event.error().code().code()).isEqualTo("InvalidAuthorizationToken");
    assertThat(event.identity().type()).isEqualTo("Unknown");
  }

  @Test
  void deniedCall_isOneRecordedEventWithAccessDenied() {
    iam.createUser(b -> b.userName("audited-nobody"));
    AccessKey key = iam.createAccessKey(b -> b.userName("audited-nobody")).accessKey();
    try (IamClient nobody = iam(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()))) {
      AwsServiceException e = catchAws(nobody::listUsers);

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      CallRecord event = onlyEvent(e.requestId(), false);
      assertThat(event.error().code().code()).isEqualTo("AccessDenied");
      assertThat(event.identity().type()).isEqualTo("IAMUser");
      assertThat(event.identity().userName()).isEqualTo("audited-nobody");
      assertThat(event.output()).isNull();
    }
  }

  @Test
  void failedAuthentication_isOneEventOfAnUnknownCallerWithTheKeyItPresented() {
    try (IamClient forger = iam(AwsBasicCredentials.create(admin.accessKeyId(),
        "x".repeat(40)))) {
      AwsServiceException e = catchAws(forger::getUser);

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      CallRecord event = onlyEvent(e.requestId(), false);
      assertThat(event.identity()).isEqualTo(UserIdentity.unknown(admin.accessKeyId()));
      assertThat(event.error().code().code()).isEqualTo("SignatureDoesNotMatch");
      assertThat(event.eventName()).isEqualTo("GetUser");
    }
  }

  @Test
  void failedValidation_isOneEventOfTheCallerWithTheError() {
    AwsServiceException e = catchAws(() -> iam.createUser(b -> b.userName("bad name!")));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    CallRecord event = onlyEvent(e.requestId(), false);
    assertThat(event.error().code().code()).isEqualTo("ValidationError");
    assertThat(event.identity().type()).isEqualTo("IAMUser");
    assertThat(event.input()).isNull();
  }

  @Test
  void requestNamingNoOperation_isOneEventNamedUnknown() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Version=2010-05-08")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).contains("<Code>MissingAction</Code>");
    CallRecord event = onlyEvent(requestId(response), false);
    assertThat(event.eventName()).isEqualTo("Unknown");
    assertThat(event.eventSource()).isEqualTo("iam.amazonaws.com");
  }

  @Test
  void unsignedFederationCall_needsNoSignatureAndIsOneNotImplementedEvent() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Action=AssumeRoleWithWebIdentity"
            + "&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r"
            + "&RoleSessionName=session&WebIdentityToken=token-value")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(501);
    assertThat(response.body()).contains("<Code>NotImplemented</Code>")
        .contains("sts:AssumeRoleWithWebIdentity");
    CallRecord event = onlyEvent(requestId(response), false);
    assertThat(event.identity().type()).isEqualTo("Unknown");
    assertThat(event.eventSource()).isEqualTo("sts.amazonaws.com");
  }

  @Test
  void unknownVersion_isOneEventNamingTheServiceAndActionItWasAnsweredAs() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Action=GetUser&Version=2099-01-01"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    CallRecord event = onlyEvent(requestId(response), false);
    assertThat(event.error().code().code()).isEqualTo("InvalidAction");
    assertThat(event.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(event.eventName()).isEqualTo("GetUser");
  }

  @Test
  void unknownAction_ofAWholeBody_isRecordedShortened() throws Exception {
    String action = "Describe" + "x".repeat(200_000);
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Action=" + action + "&Version=2010-05-08"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    CallRecord event = onlyEvent(requestId(response), false);
    assertThat(event.error().code().code()).isEqualTo("InvalidAction");
    assertThat(event.eventName()).isEqualTo("Describe" + "x".repeat(56) + "...");
  }

  @Test
  void unsignedCall_withThousandsOfInvalidListMembers_answersAndRecordsAShortMessage()
      throws Exception {
    // STS's model bounds no PolicyArns list: each bad member was once spelled out, turning a
    // body under 1 MiB into an answer and an audit event of megabytes, with no signature.
    StringBuilder body = new StringBuilder("Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
        + "&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=session"
        + "&WebIdentityToken=token-value");
    for (int i = 1; i <= 20_000; i++) {
      body.append("&PolicyArns.member.").append(i).append(".arn=x");
    }
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("20000 validation errors detected: Value &apos;x&apos; "
        + "at &apos;policyArns.1.member.arn&apos; failed to satisfy constraint");
    assertThat(response.body().length()).isLessThan(4_000);
    CallRecord event = onlyEvent(requestId(response), false);
    assertThat(event.error().getMessage()).startsWith("20000 validation errors detected")
        .hasSizeLessThan(2_000);
  }

  @Test
  void health_answers200WithNothingButItsStatus() throws Exception {
    int before = TRAIL.all().size();
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint()
        .resolve("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(TRAIL.all()).hasSize(before);
  }

  private static CallRecord onlyEvent(String requestId, boolean inTransaction) {
    List<RecordingTrail.Received> events = TRAIL.of(requestId);
    assertThat(events).as("events of request %s", requestId).hasSize(1);
    assertThat(events.get(0).inTransaction()).as("appended in the transaction")
        .isEqualTo(inTransaction);
    return events.get(0).call();
  }

  private static AwsServiceException catchAws(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  private static HttpResponse<String> container(String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.containerCredentialsUri(ROLE)))
        .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token() throws Exception {
    return Files.readString(dataDir.resolve("container-credentials-token")).trim();
  }

  private static String requestId(HttpResponse<?> response) {
    return response.headers().firstValue("x-amzn-RequestId").orElseThrow();
  }

  private static URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  private static IamClient iam(AwsCredentials credentials) {
    return IamClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  private static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
