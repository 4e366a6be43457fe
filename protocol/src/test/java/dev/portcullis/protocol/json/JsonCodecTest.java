package dev.portcullis.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.WireRequest;
import dev.portcullis.protocol.WireResponse;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AWS JSON protocol: X-Amz-Target routing, response bodies and error envelopes. */
class JsonCodecTest {
  private static final ServiceModel CLOUDTRAIL = ServiceModel.bundled("cloudtrail");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonCodec codec = new JsonCodec(CLOUDTRAIL);

  private static WireRequest targeting(String target) {
    return new WireRequest(Map.of(), target == null ? Map.of()
        : Map.of("x-amz-target", List.of(target)), "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void operation_isTheModelsTargetPrefixAndTheOperationName() {
    Operation op = codec.operation(targeting(
        "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"));

    assertThat(op.name()).isEqualTo("LookupEvents");
    assertThat(CLOUDTRAIL.protocol()).isEqualTo("json");
  }

  @Test
  void operation_unknownOrMissingTarget_isUnknownOperationException() {
    for (String target : new String[] {null, "DynamoDB_20120810.GetItem",
        "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.NoSuchThing",
        "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."}) {
      assertThatThrownBy(() -> codec.operation(targeting(target))).as("%s", target)
          .isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code().code()).isEqualTo("UnknownOperationException");
            assertThat(e.code().httpStatus()).isEqualTo(400);
          });
    }
  }

  @Test
  void response_writesTheOutputShapeWithEpochSecondsAndStringFlags() throws Exception {
    Operation op = CLOUDTRAIL.operation("LookupEvents").orElseThrow();
    Struct out = Struct.of("Events", List.of(Struct.of("EventId", "e1", "ReadOnly", "true",
        "EventTime", Instant.ofEpochSecond(1_700_000_000L, 500_000_000),
        "Resources", List.of(Struct.of("ResourceType", "AWS::IAM::User",
            "ResourceName", "bob")))), "NextToken", "n");

    WireResponse r = codec.response(op, out, "req-1");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/x-amz-json-1.1");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Events\":[{"
        + "\"EventId\":\"e1\",\"ReadOnly\":\"true\",\"EventTime\":1700000000.5,\"Resources\":"
        + "[{\"ResourceType\":\"AWS::IAM::User\",\"ResourceName\":\"bob\"}]}],"
        + "\"NextToken\":\"n\"}");
  }

  @Test
  void response_wholeSeconds_areIntegers_andAnOperationWithoutOutputIsAnEmptyObject() {
    assertThat(JsonEncoder.epochSeconds(Instant.ofEpochSecond(1_700_000_000L, 999)))
        .isEqualTo("1700000000");
    Operation op = new Operation("X", null, null, null, List.of());
    assertThat(codec.response(op, Struct.empty(), "r").body())
        .isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void error_isTypeAndMessage_withTheJsonProtocolsNamesForTheCommonErrors() throws Exception {
    WireResponse denied = codec.error(new AwsException(ErrorCode.ACCESS_DENIED,
        "User: x is not authorized"), "req-1");
    JsonNode body = JSON.readTree(denied.body());
    assertThat(denied.status()).isEqualTo(400);
    assertThat(denied.contentType()).isEqualTo("application/x-amz-json-1.1");
    assertThat(body.path("__type").asText()).isEqualTo("AccessDeniedException");
    assertThat(body.path("message").asText()).isEqualTo("User: x is not authorized");

    assertThat(type(ErrorCode.VALIDATION_ERROR)).isEqualTo("ValidationException");
    assertThat(type(ErrorCode.INVALID_CLIENT_TOKEN_ID)).isEqualTo("UnrecognizedClientException");
    assertThat(type(ErrorCode.SIGNATURE_DOES_NOT_MATCH)).isEqualTo("InvalidSignatureException");
    assertThat(type(ErrorCode.NOT_IMPLEMENTED)).isEqualTo("NotImplemented");
    WireResponse failure = codec.error(new AwsException(ErrorCode.SERVICE_FAILURE, "x"), "r");
    assertThat(failure.status()).isEqualTo(500);
    assertThat(JSON.readTree(failure.body()).path("__type").asText())
        .isEqualTo("InternalFailure");
  }

  @Test
  void error_messageWithQuotesAndControls_staysValidJson() throws Exception {
    WireResponse r = codec.error(new AwsException(JsonErrors.VALIDATION,
        "Value '\"\u0001\\' bad"), "r");

    assertThat(JSON.readTree(r.body()).path("message").asText())
        .isEqualTo("Value '\"\u0001\\' bad");
  }

  @Test
  void modelExceptions_withoutAnErrorMember_areKnownByShapeName() {
    assertThat(CLOUDTRAIL.errorShape("InvalidTimeRangeException")).hasValueSatisfying(s -> {
      assertThat(s.error().httpStatus()).isEqualTo(400);
      assertThat(s.error().senderFault()).isTrue();
    });
  }

  private String type(ErrorCode code) throws Exception {
    return JSON.readTree(codec.error(new AwsException(code, "m"), "r").body())
        .path("__type").asText();
  }
}
