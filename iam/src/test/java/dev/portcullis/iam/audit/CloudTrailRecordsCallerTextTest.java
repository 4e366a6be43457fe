package dev.portcullis.iam.audit;

import static dev.portcullis.iam.audit.CloudTrailRecordsTest.ACCOUNT;
import static dev.portcullis.iam.audit.CloudTrailRecordsTest.ALICE;
import static dev.portcullis.iam.audit.CloudTrailRecordsTest.AT;
import static dev.portcullis.iam.audit.CloudTrailRecordsTest.RECORDS;
import static dev.portcullis.iam.audit.CloudTrailRecordsTest.STS;
import static dev.portcullis.iam.audit.CloudTrailRecordsTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.query.QueryDecoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a caller's own text (input echoed in errors, headers, the action asked) does to a record. */
class CloudTrailRecordsCallerTextTest {

  private static CallRecord call(RequestFacts facts, String source, String op,
      UserIdentity who, AwsException error) {
    return new CallRecord(facts, source, op, null, "us-east-1", who, ACCOUNT, null, null, error,
        "AwsApiCall");
  }

  @Test
  void event_whenAMistypedMfaCodeFailsValidation_keepsTheCodeOutOfTheErrorMessage()
      throws Exception {
    // The real decoder's message quotes the value: TokenCode is not marked sensitive.
    AwsException refused = catchThrowableOfType(() -> new QueryDecoder(STS).decode(
        "GetSessionTokenRequest", Map.of("TokenCode", "9876543", "DurationSeconds", "1")),
        AwsException.class);
    assertThat(refused.getMessage()).contains("9876543");

    AuditEvent e = RECORDS.event(call(CloudTrailRecordsTest.FACTS, "sts.amazonaws.com",
        "GetSessionToken", ALICE, refused));
    JsonNode r = record(e);

    assertThat(e.record()).doesNotContain("9876543");
    assertThat(r.get("errorCode").asText()).isEqualTo("ValidationError");
    // The other violation still quotes its (non-secret) value, as AWS does.
    assertThat(r.get("errorMessage").asText()).startsWith("2 validation errors detected: ")
        .contains("Value at 'tokenCode' failed to satisfy constraint: Member must have length "
            + "less than or equal to 6")
        .contains("Value '1' at 'durationSeconds' failed to satisfy constraint: Member must "
            + "have value greater than or equal to 900");
  }

  @Test
  void event_whenAnUnsignedCallEchoesAMegabyteOfInput_recordsABoundedEvent() throws Exception {
    String huge = "x".repeat(1 << 20);
    RequestFacts facts = new RequestFacts("req-2", AT, "192.0.2.9", "agent/" + huge,
        new RequestFacts.TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", "h" + huge));
    AwsException refused = new AwsException(ErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value '" + huge + "' at 'roleArn' failed to satisfy "
        + "constraint: Member must have length less than or equal to 2048");

    AuditEvent e = RECORDS.event(call(facts, "sts.amazonaws.com", "Action" + huge,
        UserIdentity.unknown(null), refused));
    JsonNode r = record(e);

    assertThat(e.record().length()).isLessThan(CallerText.MAX_ERROR_MESSAGE + 4 * 1024);
    assertThat(e.eventName()).hasSize(CallerText.MAX_EVENT_NAME).endsWith("(truncated)");
    assertThat(r.get("eventName").asText()).isEqualTo(e.eventName());
    assertThat(r.get("userAgent").asText()).startsWith("agent/xxx").endsWith("(truncated)");
    assertThat(r.get("errorMessage").asText()).startsWith("1 validation error detected: "
        + "Value 'xxx").hasSize(CallerText.MAX_ERROR_MESSAGE);
    assertThat(r.at("/tlsDetails/clientProvidedHostHeader").asText()).hasSize(
        CallerText.MAX_FIELD);
  }
}
