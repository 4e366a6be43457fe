package dev.portcullis.iam.audit;

import static dev.portcullis.iam.audit.CloudTrailRecordsTest.ACCOUNT;
import static dev.portcullis.iam.audit.CloudTrailRecordsTest.ALICE;
import static dev.portcullis.iam.audit.CloudTrailRecordsTest.RECORDS;
import static dev.portcullis.iam.audit.CloudTrailRecordsTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lookup values read back from a record are those the event was built with. */
class RecordLookupValuesTest {
  static final UserIdentity SESSION = new UserIdentity("AssumedRole",
      "AROAEXAMPLEEXAMPLE001:deploy", "arn:aws:sts::" + ACCOUNT + ":assumed-role/ops/deploy",
      ACCOUNT, "ASIAEXAMPLEEXAMPLE01", null, null, null, new UserIdentity.SessionContext(
          new UserIdentity.SessionIssuer("Role", "AROAEXAMPLEEXAMPLE001", "arn:aws:iam::"
              + ACCOUNT + ":role/ops", ACCOUNT, "ops"), Instant.parse("2026-12-04T21:30:00Z"),
          false, null));
  static final UserIdentity ROOT = new UserIdentity("Root", ACCOUNT, "arn:aws:iam::" + ACCOUNT
      + ":root", ACCOUNT, "AKIAEXAMPLEEXAMPLE09", null, null, null, null);

  @Test
  void mismatches_whenEventsOfEveryKindAreReadBack_findsNone() {
    List<AuditEvent> events = List.of(
        RECORDS.event(call("iam.amazonaws.com", "CreateAccessKey", ALICE,
            Struct.of("UserName", "bob"), Struct.of("AccessKey", Struct.of("UserName", "bob",
                "AccessKeyId", "AKIAEXAMPLEEXAMPLE02", "Status", "Active",
                "SecretAccessKey", CloudTrailRecordsTest.SECRET,
                "CreateDate", Instant.parse("2026-12-04T22:00:00Z"))), null)),
        RECORDS.event(call("sts.amazonaws.com", "AssumeRole", ALICE,
            Struct.of("RoleArn", "arn:aws:iam::" + ACCOUNT + ":role/ops", "RoleSessionName",
                "deploy"), Struct.of("Credentials", Struct.of("AccessKeyId",
                "ASIAEXAMPLEEXAMPLE03", "SecretAccessKey", CloudTrailRecordsTest.SECRET,
                "SessionToken", CloudTrailRecordsTest.TOKEN,
                "Expiration", Instant.parse("2026-12-04T23:00:00Z"))), null)),
        RECORDS.event(call("iam.amazonaws.com", "AttachUserPolicy", ROOT,
            Struct.of("UserName", "bob", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
            null, null)),
        RECORDS.event(call("iam.amazonaws.com", "DeleteRole", SESSION,
            Struct.of("RoleName", "ops"), null, new AwsException(ErrorCode.ACCESS_DENIED,
                "not authorized"))),
        RECORDS.event(new CallRecord(CloudTrailRecordsTest.FACTS, "iam.amazonaws.com",
            "GetUser", null, "us-east-1", UserIdentity.unknown("AKIANOTAKEY000000000"), null,
            null, null, new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID, "invalid"),
            "AwsApiCall")),
        RECORDS.event(call("iam.amazonaws.com", "ListUsers", SESSION, null, null, null)));

    for (AuditEvent e : events) {
      assertThat(RecordLookupValues.mismatches(e)).as(e.record()).isEmpty();
      assertThat(e.resources()).isEqualTo(RecordLookupValues.fromRecord(e.record()).resources());
    }
    assertThat(events.get(0).resources()).contains(
        new AuditEvent.Resource("AWS::IAM::AccessKey", "AKIAEXAMPLEEXAMPLE02"));
    assertThat(events.get(1).resources()).contains(
        new AuditEvent.Resource("AWS::IAM::AccessKey", "ASIAEXAMPLEEXAMPLE03"));
  }

  @Test
  void mismatches_whenAValueDiffersFromTheRecord_namesIt() {
    AuditEvent e = RECORDS.event(call("iam.amazonaws.com", "CreateUser", ALICE,
        Struct.of("UserName", "bob"), null, null));
    AuditEvent edited = new AuditEvent(e.eventId(), e.eventTime(), e.accountId(),
        e.eventSource(), "GetUser", "mallory", e.principalArn(), e.accessKeyId(), true,
        e.errorCode(), e.sourceIp(), List.of(), e.record());

    assertThat(RecordLookupValues.mismatches(edited))
        .containsExactly("eventName", "username", "readOnly", "resource list");
  }
}
