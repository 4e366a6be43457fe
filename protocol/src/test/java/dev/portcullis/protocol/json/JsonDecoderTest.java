package dev.portcullis.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AWS JSON protocol's decoding, driven by the bundled CloudTrail model. */
class JsonDecoderTest {
  private static final ServiceModel CLOUDTRAIL = ServiceModel.bundled("cloudtrail");
  private final JsonDecoder decoder = new JsonDecoder(CLOUDTRAIL);

  private Struct decode(String shape, String body) {
    return decoder.decode(shape, body.getBytes(StandardCharsets.UTF_8));
  }

  private void assertError(String shape, String body, String code, String message) {
    assertThatThrownBy(() -> decode(shape, body)).isInstanceOfSatisfying(AwsException.class,
        e -> {
          assertThat(e.code().code()).isEqualTo(code);
          assertThat(e.code().httpStatus()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void decode_lookupEvents_readsEveryTypeOfItsInput() {
    Struct in = decode("LookupEventsRequest", "{\"LookupAttributes\":[{\"AttributeKey\":"
        + "\"Username\",\"AttributeValue\":\"alice\"}],\"StartTime\":1700000000,"
        + "\"EndTime\":1700000000.25,\"MaxResults\":5,\"NextToken\":\"t\","
        + "\"EventCategory\":\"insight\"}");

    Struct attribute = in.<Struct>list("LookupAttributes").get(0);
    assertThat(attribute.string("AttributeKey")).isEqualTo("Username");
    assertThat(attribute.string("AttributeValue")).isEqualTo("alice");
    assertThat(in.get("StartTime")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(in.get("EndTime")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
    assertThat(in.get("MaxResults")).isEqualTo(5);
    assertThat(in.string("NextToken")).isEqualTo("t");
    assertThat(in.string("EventCategory")).isEqualTo("insight");
  }

  @Test
  @SuppressWarnings("unchecked")
  void decode_booleansAndMaps() {
    Struct in = decode("CreateTrailRequest", "{\"Name\":\"t\",\"S3BucketName\":\"b\","
        + "\"IsMultiRegionTrail\":true,\"EnableLogFileValidation\":false,"
        + "\"TagsList\":[{\"Key\":\"k\",\"Value\":\"v\"}]}");
    assertThat(in.bool("IsMultiRegionTrail")).isTrue();
    assertThat(in.bool("EnableLogFileValidation")).isFalse();

    Struct dashboard = decode("CreateDashboardRequest", "{\"Name\":\"dash\",\"Widgets\":[{"
        + "\"QueryStatement\":\"SELECT 1\",\"ViewProperties\":{\"View\":\"Table\"}}]}");
    Map<String, Object> view = (Map<String, Object>) dashboard.<Struct>list("Widgets").get(0)
        .get("ViewProperties");
    assertThat(view).containsEntry("View", "Table");
  }

  @Test
  void decode_emptyBodyAndEmptyObject_areAnEmptyInput() {
    assertThat(decode("LookupEventsRequest", "").asMap()).isEmpty();
    assertThat(decode("LookupEventsRequest", "{}").asMap()).isEmpty();
    assertThat(decode("LookupEventsRequest", "{\"NextToken\":null}").has("NextToken")).isFalse();
  }

  @Test
  void decode_unknownMembers_areSkipped() {
    Struct in = decode("LookupEventsRequest", "{\"Nope\":{\"a\":[1,2,{\"b\":null}]},"
        + "\"MaxResults\":3}");

    assertThat(in.asMap()).containsOnlyKeys("MaxResults");
  }

  @Test
  void decode_constraintViolations_areOneValidationExceptionNamingEach() {
    // In the order of the body, as the decoder meets them.
    assertError("LookupEventsRequest", "{\"MaxResults\":51,\"EventCategory\":\"other\","
        + "\"LookupAttributes\":[{\"AttributeKey\":\"Username\",\"AttributeValue\":\"\"},"
        + "{\"AttributeValue\":\"x\"}]}", "ValidationException",
        "4 validation errors detected: "
        + "Value '51' at 'maxResults' failed to satisfy constraint: Member must have value "
        + "less than or equal to 50; "
        + "Value 'other' at 'eventCategory' failed to satisfy constraint: Member must satisfy "
        + "enum value set: [insight]; "
        + "Value '' at 'lookupAttributes.1.member.attributeValue' failed to satisfy "
        + "constraint: Member must have length greater than or equal to 1; "
        + "Value null at 'lookupAttributes.2.member.attributeKey' failed to satisfy "
        + "constraint: Member must not be null");
  }

  @Test
  void decode_requiredMember_missingOrNull_isNamed() {
    assertError("GetTrailRequest", "{}", "ValidationException", "1 validation error "
        + "detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
    assertError("GetTrailRequest", "", "ValidationException", "1 validation error "
        + "detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void decode_patternAndListMaximum_areChecked() {
    // Members past the 201st are skipped unread: a bad one there is not reported.
    StringBuilder many = new StringBuilder("{\"ResourceId\":\"t\",\"TagsList\":[");
    for (int i = 0; i < 2_000; i++) {
      many.append(i == 0 ? "" : ",").append(i < 201 ? "{\"Key\":\"k\"}" : "{}");
    }
    assertError("AddTagsRequest", many.append("]}").toString(), "ValidationException",
        "1 validation error detected: at 'tagsList' failed to satisfy constraint: "
        + "Member must have length less than or equal to 200");
    assertError("StartQueryRequest", "{\"QueryAlias\":\"not ok!\"}", "ValidationException",
        "1 validation error detected: Value 'not ok!' at 'queryAlias' failed to satisfy "
        + "constraint: Member must satisfy regular expression pattern: "
        + "^[a-zA-Z][a-zA-Z0-9._\\-]*$");
  }

  @Test
  void decode_wrongJsonTypes_areSerializationExceptions() {
    assertError("LookupEventsRequest", "{\"MaxResults\":\"5\"}", "SerializationException",
        "Expected an integer at 'maxResults', found a string");
    assertError("LookupEventsRequest", "{\"MaxResults\":5.5}", "SerializationException",
        "Expected an integer at 'maxResults', found a number");
    assertError("LookupEventsRequest", "{\"StartTime\":\"2026-12-01T00:00:00Z\"}",
        "SerializationException",
        "Expected a timestamp in epoch seconds at 'startTime', found a string");
    assertError("LookupEventsRequest", "{\"LookupAttributes\":{}}", "SerializationException",
        "Expected a list at 'lookupAttributes', found an object");
    assertError("LookupEventsRequest", "{\"LookupAttributes\":[\"x\"]}",
        "SerializationException",
        "Expected a structure at 'lookupAttributes.1.member', found a string");
    assertError("LookupEventsRequest", "{\"NextToken\":7}", "SerializationException",
        "Expected a string at 'nextToken', found a number");
    assertError("CreateTrailRequest", "{\"Name\":\"t\",\"S3BucketName\":\"b\","
        + "\"IsMultiRegionTrail\":\"yes\"}", "SerializationException",
        "Expected a boolean at 'isMultiRegionTrail', found a string");
    assertError("LookupEventsRequest", "{\"MaxResults\":99999999999999999999999}",
        "SerializationException", "The number at 'maxResults' is out of range");
    assertError("LookupEventsRequest", "{\"StartTime\":1e300}", "SerializationException",
        "The timestamp at 'startTime' is out of range");
  }

  @Test
  void decode_timestampsWithFarMoreDigitsThanNanoseconds_roundDownToTheNanosecond() {
    // A scale of 10^9 once made rounding compute 10^999999990 (it failed as a 500; a scale of
    // 10^8 held a worker for minutes): a few bytes from any caller with a key.
    assertThat(decode("LookupEventsRequest", "{\"StartTime\":1e-999999999}").get("StartTime"))
        .isEqualTo(Instant.EPOCH);
    assertThat(decode("LookupEventsRequest", "{\"StartTime\":-1e-999999999}").get("StartTime"))
        .isEqualTo(Instant.EPOCH.minusNanos(1));
    assertThat(decode("LookupEventsRequest", "{\"StartTime\":1e-100000000}").get("StartTime"))
        .isEqualTo(Instant.EPOCH);
    assertThat(decode("LookupEventsRequest", "{\"StartTime\":1700000000.1234567891234}")
        .get("StartTime")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
    assertThat(decode("LookupEventsRequest", "{\"StartTime\":-0.5}").get("StartTime"))
        .isEqualTo(Instant.ofEpochSecond(-1, 500_000_000));
    assertThat(decode("LookupEventsRequest", "{\"StartTime\":17e8}").get("StartTime"))
        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
  }

  @Test
  void decode_integerBeyond32Bits_isOneValidationError() {
    assertError("LookupEventsRequest", "{\"MaxResults\":4294967296}", "ValidationException",
        "1 validation error detected: Value '4294967296' at 'maxResults' failed to satisfy "
        + "constraint: Member must have value less than or equal to 50");
  }

  @Test
  void decode_malformedBodies_areSerializationExceptions() {
    for (String body : List.of("{", "{\"MaxResults\":}", "[]", "\"x\"", "{} {}", "nul",
        "{\"MaxResults\":1,\"MaxResults\":2}", "{'MaxResults':1}")) {
      assertThatThrownBy(() -> decode("LookupEventsRequest", body)).as(body)
          .isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code().code()).isEqualTo("SerializationException");
            assertThat(e.getMessage()).doesNotContain("MaxResults");
          });
    }
  }

  @Test
  void decode_nestingBeyondTheBound_isRefusedWithoutDescending() {
    String deep = "{\"Nope\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertError("LookupEventsRequest", deep, "SerializationException", "The request body is "
        + "nested too deeply or holds too large a value (at most 32 levels)");

    String withinBound = "{\"Nope\":" + "[".repeat(20) + "]".repeat(20) + "}";
    assertThat(decode("LookupEventsRequest", withinBound).asMap()).isEmpty();
  }

  @Test
  void decode_readsEachTokenOnce_whateverTheBodysSize() throws Exception {
    // The token count stands in for time (DESIGN: speed is measured in benchmarks, never
    // asserted with a clock): one streaming pass, nothing read twice, for lists with and
    // without a maximum and members the model does not know.
    for (int n : new int[] {1_000, 10_000, 100_000}) {
      StringBuilder body = new StringBuilder("{\"Unknown\":[[1,2],{\"a\":3}],"
          + "\"LookupAttributes\":[");
      for (int i = 0; i < n; i++) {
        body.append(i == 0 ? "" : ",")
            .append("{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"e\"}");
      }
      byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
      int tokens = 0;
      try (JsonParser all = JsonDecoder.parser(bytes)) {
        while (all.nextToken() != null) {
          tokens++;
        }
      }
      CountingParser counting = new CountingParser(JsonDecoder.parser(bytes));

      decoder.decode("LookupEventsRequest", counting);

      assertThat(counting.reads).as("%d attributes", n).isLessThanOrEqualTo(tokens + 1L);
    }
  }

  /** Counts the tokens the decoder asks for. */
  private static final class CountingParser extends JsonParserDelegate {
    long reads;

    CountingParser(JsonParser d) {
      super(d);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      reads++;
      return super.nextToken();
    }
  }

  @Test
  void decode_largeList_isReadInOnePass() {
    // Each member is parsed once: a list of 100,000 lookup attributes (no maximum in the model)
    // decodes to 100,000 structures, members past a maximum are skipped (see above), and the
    // work per member does not depend on the list's length (no copying or rescanning).
    StringBuilder body = new StringBuilder("{\"LookupAttributes\":[");
    for (int i = 0; i < 100_000; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"e").append(i)
          .append("\"}");
    }
    Struct in = decode("LookupEventsRequest", body.append("]}").toString());

    assertThat(in.<Struct>list("LookupAttributes")).hasSize(100_000);
    assertThat(in.<Struct>list("LookupAttributes").get(99_999).string("AttributeValue"))
        .isEqualTo("e99999");
  }
}
