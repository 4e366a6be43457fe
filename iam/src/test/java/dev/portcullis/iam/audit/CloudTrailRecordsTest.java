package dev.portcullis.iam.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudTrailRecordsTest {
  static final ServiceModel IAM = ServiceModel.bundled("iam");
  static final ServiceModel STS = ServiceModel.bundled("sts");
  static final CloudTrailRecords RECORDS = new CloudTrailRecords(Map.of(
      "iam.amazonaws.com", IAM, "sts.amazonaws.com", STS));
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant AT = Instant.parse("2026-12-04T22:00:00.123Z");
  static final String ACCOUNT = "123456789012";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String TOKEN = "FQoGZXIvYXdzEXAMPLETOKEN";
  static final RequestFacts FACTS = new RequestFacts("req-1", AT, "192.0.2.7", "aws-cli/2.22",
      new RequestFacts.TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", "iam.example.test"));
  static final UserIdentity ALICE = new UserIdentity("IAMUser", "AIDAEXAMPLEEXAMPLE001",
      "arn:aws:iam::" + ACCOUNT + ":user/alice", ACCOUNT, "AKIAEXAMPLEEXAMPLE01", "alice", null,
      null, null);

  static CallRecord call(String source, String op, UserIdentity who, Struct in, Struct out,
      AwsException error) {
    ServiceModel model = source.startsWith("iam") ? IAM : STS;
    return new CallRecord(FACTS, source, op, model.operation(op).orElse(null), "us-east-1", who,
        ACCOUNT, in, out, error, "AwsApiCall");
  }

  static JsonNode record(AuditEvent e) throws Exception {
    return JSON.readTree(e.record());
  }

  @Test
  void event_whenCreateUserSucceeds_writesEveryTopLevelField() throws Exception {
    AuditEvent e = RECORDS.event(call("iam.amazonaws.com", "CreateUser", ALICE,
        Struct.of("UserName", "bob", "Path", "/ops/"),
        Struct.of("User", Struct.of("UserName", "bob", "UserId", "AIDAEXAMPLEEXAMPLE002",
            "CreateDate", Instant.parse("2026-12-04T22:00:00Z"))), null));
    JsonNode r = record(e);

    assertThat(r.get("eventVersion").asText()).isEqualTo("1.11");
    assertThat(r.get("eventTime").asText()).isEqualTo("2026-12-04T22:00:00Z");
    assertThat(r.get("eventSource").asText()).isEqualTo("iam.amazonaws.com");
    assertThat(r.get("eventName").asText()).isEqualTo("CreateUser");
    assertThat(r.get("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(r.get("sourceIPAddress").asText()).isEqualTo("192.0.2.7");
    assertThat(r.get("userAgent").asText()).isEqualTo("aws-cli/2.22");
    assertThat(r.get("requestParameters").toString())
        .isEqualTo("{\"userName\":\"bob\",\"path\":\"/ops/\"}");
    assertThat(r.at("/responseElements/user/userName").asText()).isEqualTo("bob");
    assertThat(r.at("/responseElements/user/createDate").asText())
        .isEqualTo("Dec 4, 2026, 10:00:00 PM");
    assertThat(r.get("requestID").asText()).isEqualTo("req-1");
    assertThat(r.get("eventID").asText()).isEqualTo(e.eventId());
    assertThat(r.get("readOnly").asBoolean()).isFalse();
    assertThat(r.get("eventType").asText()).isEqualTo("AwsApiCall");
    assertThat(r.get("managementEvent").asBoolean()).isTrue();
    assertThat(r.get("recipientAccountId").asText()).isEqualTo(ACCOUNT);
    assertThat(r.at("/tlsDetails/tlsVersion").asText()).isEqualTo("TLSv1.3");
    assertThat(r.at("/tlsDetails/clientProvidedHostHeader").asText())
        .isEqualTo("iam.example.test");
    assertThat(r.has("errorCode")).isFalse();
    assertThat(r.at("/userIdentity").toString()).isEqualTo("{\"type\":\"IAMUser\","
        + "\"principalId\":\"AIDAEXAMPLEEXAMPLE001\",\"arn\":\"arn:aws:iam::" + ACCOUNT
        + ":user/alice\",\"accountId\":\"" + ACCOUNT + "\",\"accessKeyId\":"
        + "\"AKIAEXAMPLEEXAMPLE01\",\"userName\":\"alice\"}");

    assertThat(e.accountId()).isEqualTo(ACCOUNT);
    assertThat(e.eventTime()).isEqualTo(AT);
    assertThat(e.username()).isEqualTo("alice");
    assertThat(e.principalArn()).isEqualTo(ALICE.arn());
    assertThat(e.accessKeyId()).isEqualTo("AKIAEXAMPLEEXAMPLE01");
    assertThat(e.sourceIp()).isEqualTo("192.0.2.7");
    assertThat(e.resources()).containsExactly(new AuditEvent.Resource("AWS::IAM::User", "bob"));
  }

  @Test
  void event_whenDenied_recordsErrorCodeAndMessageAndNoResponse() throws Exception {
    AuditEvent e = RECORDS.event(call("iam.amazonaws.com", "DeleteRole", ALICE,
        Struct.of("RoleName", "ops"), null, new AwsException(ErrorCode.ACCESS_DENIED,
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            + "iam:DeleteRole")));
    JsonNode r = record(e);
    assertThat(r.get("errorCode").asText()).isEqualTo("AccessDenied");
    assertThat(r.get("errorMessage").asText()).contains("is not authorized");
    assertThat(r.get("responseElements").isNull()).isTrue();
    assertThat(e.errorCode()).isEqualTo("AccessDenied");
    assertThat(e.resources()).containsExactly(new AuditEvent.Resource("AWS::IAM::Role", "ops"));
  }

  @Test
  void event_whenAuthenticationFailed_hasUnknownIdentityAndNullParameters() throws Exception {
    AuditEvent e = RECORDS.event(new CallRecord(FACTS, "iam.amazonaws.com", "GetUser", null,
        "us-east-1", UserIdentity.unknown("AKIANOTAKEY000000000"), null, null, null,
        new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID, "The security token included in "
            + "the request is invalid."), "AwsApiCall"));
    JsonNode r = record(e);
    assertThat(r.at("/userIdentity").toString())
        .isEqualTo("{\"type\":\"Unknown\",\"accessKeyId\":\"AKIANOTAKEY000000000\"}");
    assertThat(r.get("requestParameters").isNull()).isTrue();
    assertThat(r.has("tlsDetails")).isTrue();
    assertThat(e.accountId()).isNull();
    assertThat(e.username()).isNull();
  }

  @Test
  void event_whenReadCall_isReadOnlyWithNullResponseElements() throws Exception {
    AuditEvent e = RECORDS.event(call("iam.amazonaws.com", "GetUser", ALICE,
        Struct.of("UserName", "bob"), Struct.of("User", Struct.of("UserName", "bob")), null));
    assertThat(e.readOnly()).isTrue();
    assertThat(record(e).get("responseElements").isNull()).isTrue();
    assertThat(record(e).get("readOnly").asBoolean()).isTrue();
    for (String op : List.of("AssumeRole", "GetSessionToken", "GetCallerIdentity")) {
      assertThat(RECORDS.event(call("sts.amazonaws.com", op, ALICE, null, null, null))
          .readOnly()).as(op).isTrue();
    }
    assertThat(RECORDS.event(call("iam.amazonaws.com", "CreateAccessKey", ALICE, null, null,
        null)).readOnly()).isFalse();
  }

  @Test
  void event_whenCreateAccessKey_leavesOutTheSecretKeepsTheKeyId() throws Exception {
    AuditEvent e = RECORDS.event(call("iam.amazonaws.com", "CreateAccessKey", ALICE,
        Struct.of("UserName", "bob"), Struct.of("AccessKey", Struct.of("UserName", "bob",
            "AccessKeyId", "AKIAEXAMPLEEXAMPLE09", "Status", "Active", "SecretAccessKey", SECRET,
            "CreateDate", AT)), null));
    JsonNode r = record(e);
    assertThat(e.record()).doesNotContain(SECRET);
    assertThat(r.at("/responseElements/accessKey/accessKeyId").asText())
        .isEqualTo("AKIAEXAMPLEEXAMPLE09");
    assertThat(r.at("/responseElements/accessKey").has("secretAccessKey")).isFalse();
    assertThat(e.resources()).contains(
        new AuditEvent.Resource("AWS::IAM::AccessKey", "AKIAEXAMPLEEXAMPLE09"));
  }

  @Test
  void event_whenStsIssuesCredentials_keepsKeyIdAndExpirationOnly() throws Exception {
    Struct credentials = Struct.of("AccessKeyId", "ASIAEXAMPLEEXAMPLE01", "SecretAccessKey",
        SECRET, "SessionToken", TOKEN, "Expiration", Instant.parse("2026-12-04T23:00:00Z"));
    for (String op : List.of("AssumeRole", "GetSessionToken", "GetFederationToken")) {
      AuditEvent e = RECORDS.event(call("sts.amazonaws.com", op, ALICE,
          Struct.of("RoleArn", "arn:aws:iam::" + ACCOUNT + ":role/ops", "RoleSessionName", "s1",
              "SerialNumber", "arn:aws:iam::" + ACCOUNT + ":mfa/alice", "TokenCode", "907311"),
          Struct.of("Credentials", credentials), null));
      JsonNode r = record(e);
      assertThat(e.record()).as(op).doesNotContain(SECRET).doesNotContain(TOKEN)
          .doesNotContain("907311");
      assertThat(r.at("/responseElements/credentials").toString()).as(op)
          .isEqualTo("{\"accessKeyId\":\"ASIAEXAMPLEEXAMPLE01\",\"expiration\":"
              + "\"Dec 4, 2026, 11:00:00 PM\"}");
      assertThat(r.at("/requestParameters/tokenCode").asText()).isEqualTo(ShapeJson.HIDDEN);
    }
  }

  @Test
  void event_whenRequestCarriesSecrets_hidesEachOne() throws Exception {
    String[][] cases = {
        {"iam", "CreateLoginProfile", "Password"},
        {"iam", "UpdateLoginProfile", "Password"},
        {"iam", "ChangePassword", "OldPassword"},
        {"iam", "ChangePassword", "NewPassword"},
        {"iam", "EnableMFADevice", "AuthenticationCode1"},
        {"iam", "EnableMFADevice", "AuthenticationCode2"},
        {"iam", "ResyncMFADevice", "AuthenticationCode1"},
        {"iam", "UploadServerCertificate", "PrivateKey"},
        {"sts", "AssumeRoleWithSAML", "SAMLAssertion"},
        {"sts", "AssumeRoleWithWebIdentity", "WebIdentityToken"},
        {"sts", "GetSessionToken", "TokenCode"},
    };
    for (String[] c : cases) {
      String value = "s3cr3t-" + c[2];
      AuditEvent e = RECORDS.event(call(c[0] + ".amazonaws.com", c[1], ALICE,
          Struct.of("UserName", "bob", c[2], value), null, null));
      assertThat(e.record()).as(c[1] + "." + c[2]).doesNotContain(value);
      assertThat(record(e).at("/requestParameters/" + ShapeJson.camel(c[2])).asText())
          .as(c[1] + "." + c[2]).isEqualTo(ShapeJson.HIDDEN);
    }
  }

  @Test
  void event_whenResponseCarriesSecrets_leavesEachOut() throws Exception {
    byte[] seed = "JBSWY3DPEHPK3PXP".getBytes();
    AuditEvent mfa = RECORDS.event(call("iam.amazonaws.com", "CreateVirtualMFADevice", ALICE,
        Struct.of("VirtualMFADeviceName", "alice"), Struct.of("VirtualMFADevice", Struct.of(
            "SerialNumber", "arn:aws:iam::" + ACCOUNT + ":mfa/alice", "Base32StringSeed", seed,
            "QRCodePNG", new byte[] {1, 2, 3})), null));
    assertThat(record(mfa).at("/responseElements/virtualMFADevice").toString())
        .isEqualTo("{\"serialNumber\":\"arn:aws:iam::" + ACCOUNT + ":mfa/alice\"}");
    AuditEvent service = RECORDS.event(call("iam.amazonaws.com",
        "CreateServiceSpecificCredential", ALICE, Struct.of("UserName", "bob"),
        Struct.of("ServiceSpecificCredential", Struct.of("ServiceUserName", "bob-at-1",
            "ServicePassword", "pa55word-xyz")), null));
    assertThat(service.record()).doesNotContain("pa55word-xyz");
  }

  @Test
  void event_whenNestedListsAndMaps_camelCasesEveryLevel() throws Exception {
    AuditEvent e = RECORDS.event(call("iam.amazonaws.com", "TagUser", ALICE,
        Struct.of("UserName", "bob", "Tags", List.of(Struct.of("Key", "team", "Value", "blue"))),
        null, null));
    assertThat(record(e).get("requestParameters").toString()).isEqualTo(
        "{\"userName\":\"bob\",\"tags\":[{\"key\":\"team\",\"value\":\"blue\"}]}");
  }

  @Test
  void event_whenRoleSession_recordsSessionContextAndSessionNameAsUsername() throws Exception {
    UserIdentity session = new UserIdentity("AssumedRole", "AROAEXAMPLEEXAMPLE001:deploy",
        "arn:aws:sts::" + ACCOUNT + ":assumed-role/ops/deploy", ACCOUNT, "ASIAEXAMPLEEXAMPLE01",
        null, null, null, new UserIdentity.SessionContext(new UserIdentity.SessionIssuer("Role",
            "AROAEXAMPLEEXAMPLE001", "arn:aws:iam::" + ACCOUNT + ":role/ops", ACCOUNT, "ops"),
            Instant.parse("2026-12-04T21:30:00.5Z"), true, "alice"));
    AuditEvent e = RECORDS.event(call("iam.amazonaws.com", "ListUsers", session, null, null,
        null));
    JsonNode r = record(e);
    assertThat(r.at("/userIdentity/sessionContext/sessionIssuer/userName").asText())
        .isEqualTo("ops");
    assertThat(r.at("/userIdentity/sessionContext/attributes/creationDate").asText())
        .isEqualTo("2026-12-04T21:30:00Z");
    assertThat(r.at("/userIdentity/sessionContext/attributes/mfaAuthenticated").asText())
        .isEqualTo("true");
    assertThat(r.at("/userIdentity/sessionContext/sourceIdentity").asText()).isEqualTo("alice");
    assertThat(r.at("/userIdentity").has("userName")).isFalse();
    assertThat(e.username()).isEqualTo("deploy");
  }

  @Test
  void newEventId_whenMadeOneAfterAnother_isATimeOrderedUuidThatSortsAfterTheLast()
      throws InterruptedException {
    String first = CloudTrailRecords.newEventId();
    Thread.sleep(2);
    String second = CloudTrailRecords.newEventId();
    java.util.UUID id = java.util.UUID.fromString(first);
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16)
        .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    // Index order: a later id sorts after an earlier one, as text (how the store keeps it).
    assertThat(second).isGreaterThan(first);
    assertThat(CloudTrailRecords.newEventId()).isNotEqualTo(CloudTrailRecords.newEventId());
  }
}
