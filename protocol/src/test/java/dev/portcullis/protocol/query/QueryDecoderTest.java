package dev.portcullis.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryDecoderTest {
  private static final ServiceModel IAM = ServiceModel.bundled("iam");
  private final QueryDecoder iam = new QueryDecoder(IAM);

  @Test
  void decode_whenAllConstraintsHold_returnsTheTypedMembers() {
    Struct in = iam.decode("CreateUserRequest", params("UserName", "ana", "Path", "/dev/"));

    assertThat(in.string("UserName")).isEqualTo("ana");
    assertThat(in.string("Path")).isEqualTo("/dev/");
    assertThat(in.has("Tags")).isFalse();
    assertThat(in.has("PermissionsBoundary")).isFalse();
  }

  @Test
  void decode_whenOperationHasNoInput_returnsEmpty() {
    assertThat(iam.decode(null, params("Anything", "x")).asMap()).isEmpty();
  }

  @Test
  void decode_ignoresParametersTheShapeDoesNotName() {
    Struct in = iam.decode("GetUserRequest", params("Action", "GetUser", "Version",
        "2010-05-08", "X-Amz-Date", "20150830T123600Z", "Bogus", "x"));

    assertThat(in.asMap()).isEmpty();
  }

  @Test
  void decode_whenRequiredMemberMissing_isValidationErrorNamingIt() {
    assertValidationError("CreateUserRequest", params("Path", "/"),
        "1 validation error detected: Value null at 'userName' failed to satisfy constraint: "
        + "Member must not be null");
  }

  @Test
  void decode_whenPatternFails_quotesValueAndPattern() {
    assertValidationError("CreateUserRequest", params("UserName", "x y"),
        "1 validation error detected: Value 'x y' at 'userName' failed to satisfy constraint: "
        + "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  }

  @Test
  void decode_whenLongerThanMax_isLengthViolation() {
    String name = "a".repeat(65);
    assertValidationError("CreateUserRequest", params("UserName", name),
        "1 validation error detected: Value '" + name + "' at 'userName' failed to satisfy "
        + "constraint: Member must have length less than or equal to 64");
  }

  @Test
  void decode_atMaxLength_isAccepted() {
    assertThat(iam.decode("CreateUserRequest", params("UserName", "a".repeat(64)))
        .string("UserName")).hasSize(64);
  }

  @Test
  void decode_whenShorterThanMin_isLengthViolation() {
    assertValidationError("CreateUserRequest", params("UserName", ""),
        "1 validation error detected: Value '' at 'userName' failed to satisfy constraint: "
        + "Member must have length greater than or equal to 1");
  }

  @Test
  void decode_whenNotInEnum_listsTheValueSet() {
    assertValidationError("UpdateAccessKeyRequest",
        params("AccessKeyId", "AKIAIOSFODNN7EXAMPLE", "Status", "Enabled"),
        "1 validation error detected: Value 'Enabled' at 'status' failed to satisfy constraint: "
        + "Member must satisfy enum value set: [Active, Inactive, Expired]");
  }

  @Test
  void decode_whenNumberBelowMin_isValueViolation() {
    assertValidationError("ListUsersRequest", params("MaxItems", "0"),
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: "
        + "Member must have value greater than or equal to 1");
  }

  @Test
  void decode_whenNumberAboveMax_isValueViolation() {
    assertValidationError("ListUsersRequest", params("MaxItems", "1001"),
        "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: "
        + "Member must have value less than or equal to 1000");
  }

  @Test
  void decode_numbersInRange_areIntegers() {
    Struct in = iam.decode("ListUsersRequest", params("MaxItems", "1000"));

    assertThat(in.get("MaxItems")).isEqualTo(1000);
  }

  @Test
  void decode_whenNumberIsNotNumeric_isValidationError() {
    assertThatThrownBy(() -> iam.decode("ListUsersRequest", params("MaxItems", "ten")))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
          assertThat(e.getMessage()).startsWith("1 validation error detected: Value 'ten' at "
              + "'maxItems' failed to satisfy constraint:");
        });
  }

  @Test
  void decode_whenNumberOverflowsInteger_isValidationError() {
    assertThatThrownBy(() -> iam.decode("ListUsersRequest",
        params("MaxItems", "99999999999999999999999")))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
  }

  @Test
  void decode_booleans_areParsedAndOthersRejected() {
    Struct in = iam.decode("CreateLoginProfileRequest",
        params("Password", "Secret-123", "PasswordResetRequired", "true"));
    assertThat(in.bool("PasswordResetRequired")).isTrue();

    assertValidationError("CreateLoginProfileRequest",
        params("Password", "Secret-123", "PasswordResetRequired", "yes"),
        "1 validation error detected: Value 'yes' at 'passwordResetRequired' failed to satisfy "
        + "constraint: Member must be a boolean");
  }

  @Test
  void decode_listOfStrings_readsMembersInOrder() {
    Struct in = iam.decode("UntagUserRequest", params("UserName", "ana",
        "TagKeys.member.1", "team", "TagKeys.member.2", "cost center"));

    assertThat(in.<String>list("TagKeys")).containsExactly("team", "cost center");
  }

  @Test
  void decode_emptyList_isPresentButEmpty() {
    Struct in = iam.decode("UntagUserRequest", params("UserName", "ana", "TagKeys", ""));

    assertThat(in.has("TagKeys")).isTrue();
    assertThat(in.<String>list("TagKeys")).isEmpty();
  }

  @Test
  void decode_whenRequiredListMissing_isNotNullViolation() {
    assertValidationError("UntagUserRequest", params("UserName", "ana"),
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
        + "Member must not be null");
  }

  @Test
  void decode_whenListLongerThanMax_isLengthViolation() {
    Map<String, String> p = params("UserName", "ana");
    for (int i = 1; i <= 51; i++) {
      p.put("TagKeys.member." + i, "k" + i);
    }

    assertThatThrownBy(() -> iam.decode("UntagUserRequest", p))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
            .startsWith("1 validation error detected: ")
            .contains("at 'tagKeys' failed to satisfy constraint: Member must have length less "
                + "than or equal to 50"));
  }

  @Test
  void decode_whenListHasAGap_isValidationErrorNamingTheMissingMember() {
    assertValidationError("UntagUserRequest", params("UserName", "ana",
        "TagKeys.member.1", "team", "TagKeys.member.3", "env"),
        "1 validation error detected: Value null at 'tagKeys.2.member' failed to satisfy "
        + "constraint: Member must not be null");
  }

  @Test
  void decode_whenListOfStructuresSkipsNumbers_isValidationErrorNotATruncatedList() {
    assertValidationError("TagUserRequest", params("UserName", "ana",
        "Tags.member.1.Key", "team", "Tags.member.1.Value", "red",
        "Tags.member.5.Key", "env", "Tags.member.5.Value", "dev"),
        "1 validation error detected: Value null at 'tags.2.member' failed to satisfy "
        + "constraint: Member must not be null");
  }

  @Test
  void decode_whenListDoesNotStartAtOne_isValidationError() {
    assertValidationError("UntagUserRequest", params("UserName", "ana",
        "TagKeys.member.2", "team"),
        "1 validation error detected: Value null at 'tagKeys.1.member' failed to satisfy "
        + "constraint: Member must not be null");
  }

  @Test
  void decode_whenOnlyAHugeMemberNumberIsSent_isTheGapAtOneWithNothingAllocatedForTheRest() {
    assertValidationError("UntagUserRequest", params("UserName", "ana",
        "TagKeys.member.999999999", "team"),
        "1 validation error detected: Value null at 'tagKeys.1.member' failed to satisfy "
        + "constraint: Member must not be null");
  }

  @Test
  void decode_memberNumbersThatAreNotPlainPositiveNumbers_areNotListMembers() {
    // Leading zeros, signs, spaces, ten digits (past int) and zero name no member, so they can
    // neither overflow a counter nor slip a second value in beside member 1.
    Struct in = iam.decode("UntagUserRequest", params("UserName", "ana",
        "TagKeys.member.1", "team", "TagKeys.member.01", "aws:one", "TagKeys.member.-1", "minus",
        "TagKeys.member.+2", "plus", "TagKeys.member. 2", "space", "TagKeys.member.0", "zero",
        "TagKeys.member.4294967297", "wraps"));

    assertThat(in.<String>list("TagKeys")).containsExactly("team");
  }

  @Test
  void decode_whenListNumberedFromTheTop_readsAllMembersInOrder() {
    Struct in = iam.decode("UntagUserRequest", params("UserName", "ana",
        "TagKeys.member.3", "c", "TagKeys.member.2", "b", "TagKeys.member.1", "a"));

    assertThat(in.<String>list("TagKeys")).containsExactly("a", "b", "c");
  }

  @Test
  void decode_whenListFarLongerThanMax_readsOnlyOnePastTheMaximum() {
    // Every member past the 51st has an invalid key: none of them is decoded, so none is
    // reported, and the error stays one short message whatever the body's size.
    Map<String, String> p = params("UserName", "ana");
    for (int i = 20_000; i >= 1; i--) {
      p.put("Tags.member." + i + ".Key", i <= 51 ? "k" + i : "bad key " + i + "!");
      p.put("Tags.member." + i + ".Value", "v");
    }

    assertValidationError("TagUserRequest", p, "1 validation error detected: at 'tags' failed "
        + "to satisfy constraint: Member must have length less than or equal to 50");
  }

  @Test
  void decode_parameterReads_growLinearlyWithTheBody() {
    // The operation count stands in for time (DESIGN: speed is measured in benchmarks, never
    // asserted with a clock): decoding reads each parameter a bounded number of times. The old
    // decoder rescanned every parameter per list member (quadratic: ~4 s for a 1 MiB body).
    for (int kib : new int[] {64, 256, 1024}) {
      for (String shape : new String[] {"TagUserRequest", "SimulateCustomPolicyRequest"}) {
        CountingParameters p = shape.equals("TagUserRequest")
            ? listBody(kib, "UserName", "ana", "Tags", "Key", "Value")
            : listBody(kib, "PolicyInputList.member.1", "{}", "ContextEntries",
                "ContextKeyName", "ContextKeyType");
        p.reads = 0;
        try {
          iam.decode(shape, p);
        } catch (AwsException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        }
        assertThat(p.reads).as("%s of %d KiB", shape, kib).isLessThanOrEqualTo(2L * p.size());
      }
    }
  }

  @Test
  void decode_listWithoutMaximum_decodesEveryMemberOfALargeBody() {
    CountingParameters p = listBody(1024, "PolicyInputList.member.1", "{}", "ContextEntries",
        "ContextKeyName", "ContextKeyType");

    List<Struct> entries = iam.decode("SimulateCustomPolicyRequest", p).list("ContextEntries");

    assertThat(entries).hasSize((p.size() - 2) / 2);
    assertThat(entries.get(0).string("ContextKeyName")).isEqualTo("aws:k1");
  }

  @Test
  void decode_listOfStructures_readsNestedMembers() {
    Struct in = iam.decode("CreateUserRequest", params("UserName", "ana",
        "Tags.member.1.Key", "team", "Tags.member.1.Value", "red",
        "Tags.member.2.Key", "env", "Tags.member.2.Value", ""));

    List<Struct> tags = in.list("Tags");
    assertThat(tags).hasSize(2);
    assertThat(tags.get(0).string("Key")).isEqualTo("team");
    assertThat(tags.get(0).string("Value")).isEqualTo("red");
    assertThat(tags.get(1).string("Key")).isEqualTo("env");
    assertThat(tags.get(1).string("Value")).isEmpty();
  }

  @Test
  void decode_whenNestedRequiredMemberMissing_namesTheNestedPath() {
    assertValidationError("CreateUserRequest", params("UserName", "ana",
        "Tags.member.1.Key", "team", "Tags.member.1.Value", "red",
        "Tags.member.2.Value", "blue"),
        "1 validation error detected: Value null at 'tags.2.member.key' failed to satisfy "
        + "constraint: Member must not be null");
  }

  @Test
  void decode_nestedListInsideListOfStructures_isDecoded() {
    Struct in = iam.decode("SimulateCustomPolicyRequest", params(
        "PolicyInputList.member.1", "{}", "ActionNames.member.1", "s3:GetObject",
        "ContextEntries.member.1.ContextKeyName", "aws:SourceIp",
        "ContextEntries.member.1.ContextKeyType", "ipList",
        "ContextEntries.member.1.ContextKeyValues.member.1", "10.0.0.1",
        "ContextEntries.member.1.ContextKeyValues.member.2", "10.0.0.2"));

    Struct entry = in.<Struct>list("ContextEntries").get(0);
    assertThat(entry.string("ContextKeyType")).isEqualTo("ipList");
    assertThat(entry.<String>list("ContextKeyValues")).containsExactly("10.0.0.1", "10.0.0.2");
  }

  @Test
  void decode_whenSeveralViolations_countsAndJoinsThemAll() {
    assertValidationError("CreateUserRequest", params("UserName", "a/b", "Path", "dev"),
        "2 validation errors detected: Value 'dev' at 'path' failed to satisfy constraint: "
        + "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+"
        + "\\u002F); Value 'a/b' at 'userName' failed to satisfy constraint: Member must satisfy "
        + "regular expression pattern: [\\w+=,.@-]+");
  }

  @Test
  void decode_whenSensitiveValueInvalid_neverEchoesIt() {
    String secret = "pa\u0100ss";
    assertThatThrownBy(() -> iam.decode("ChangePasswordRequest",
        params("OldPassword", secret, "NewPassword", "x".repeat(129))))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("2 validation errors detected: Value at "
              + "'oldPassword' failed to satisfy constraint: Member must satisfy regular "
              + "expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+; Value at "
              + "'newPassword' failed to satisfy constraint: Member must have length less than "
              + "or equal to 128");
          assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("xxxx");
        });
  }

  @Test
  void decode_mapsTimestampsAndBlobs_fromASmallModel() throws IOException {
    QueryDecoder decoder = new QueryDecoder(tinyModel());

    Struct in = decoder.decode("Input", params(
        "Attributes.entry.1.key", "hue", "Attributes.entry.1.value", "red",
        "Attributes.entry.2.key", "size", "Attributes.entry.2.value", "L",
        "When", "2015-08-30T12:36:00Z", "Data", "aGk="));

    assertThat(in.get("Attributes")).isEqualTo(Map.of("hue", "red", "size", "L"));
    assertThat(in.get("When")).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
    assertThat((byte[]) in.get("Data")).containsExactly('h', 'i');
  }

  @Test
  void decode_whenMapValueViolatesItsShape_namesTheEntry() throws IOException {
    QueryDecoder decoder = new QueryDecoder(tinyModel());

    assertThatThrownBy(() -> decoder.decode("Input", params(
        "Attributes.entry.1.key", "hue", "Attributes.entry.1.value", "toolong")))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
            .isEqualTo("1 validation error detected: Value 'toolong' at 'attributes.1.value' "
                + "failed to satisfy constraint: Member must have length less than or equal "
                + "to 4"));
  }

  @Test
  void decode_whenMapKeyViolatesItsShape_namesTheKey() throws IOException {
    QueryDecoder decoder = new QueryDecoder(tinyModel());

    assertThatThrownBy(() -> decoder.decode("Input", params(
        "Attributes.entry.1.key", "colour", "Attributes.entry.1.value", "red")))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
            .isEqualTo("1 validation error detected: Value 'colour' at 'attributes.1.key' "
                + "failed to satisfy constraint: Member must have length less than or equal "
                + "to 4"));
  }

  @Test
  void decode_whenMapSkipsAnEntryNumber_isValidationErrorNotATruncatedMap() throws IOException {
    QueryDecoder decoder = new QueryDecoder(tinyModel());

    assertThatThrownBy(() -> decoder.decode("Input", params(
        "Attributes.entry.1.key", "hue", "Attributes.entry.1.value", "red",
        "Attributes.entry.3.key", "size", "Attributes.entry.3.value", "L")))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
            .isEqualTo("1 validation error detected: Value null at 'attributes.2.key' "
                + "failed to satisfy constraint: Member must not be null"));
  }

  @Test
  void decode_whenTimestampMalformed_isValidationError() throws IOException {
    QueryDecoder decoder = new QueryDecoder(tinyModel());

    assertThatThrownBy(() -> decoder.decode("Input", params("When", "yesterday")))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
  }

  private void assertValidationError(String shape, Map<String, String> params, String message) {
    assertThatThrownBy(() -> iam.decode(shape, params))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
          assertThat(e.code().httpStatus()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  /**
   * A body of about {@code kib} KiB: one fixed parameter, then list members numbered from the
   * highest down, each with two string fields ({@code aws:kN} and {@code string}).
   */
  private static CountingParameters listBody(int kib, String fixedName, String fixedValue,
      String list, String field1, String field2) {
    CountingParameters p = new CountingParameters();
    p.put(fixedName, fixedValue);
    if (list.equals("ContextEntries")) {
      p.put("ActionNames.member.1", "s3:GetObject");
    }
    int perMember = (list + ".member.12345." + field1 + "=aws:k12345&").length()
        + (list + ".member.12345." + field2 + "=string&").length();
    for (int i = kib * 1024 / perMember; i >= 1; i--) {
      p.put(list + ".member." + i + "." + field1, "aws:k" + i);
      p.put(list + ".member." + i + "." + field2, "string");
    }
    return p;
  }

  private static Map<String, String> params(String... namesAndValues) {
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      p.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return p;
  }

  private static ServiceModel tinyModel() throws IOException {
    String json = """
        {"metadata": {"endpointPrefix": "tiny", "apiVersion": "2020-01-01",
                      "xmlNamespace": "https://tiny.example/doc/2020-01-01/"},
         "operations": {"Op": {"name": "Op", "input": {"shape": "Input"}}},
         "shapes": {
           "Input": {"type": "structure", "members": {
             "Attributes": {"shape": "AttrMap"}, "When": {"shape": "Stamp"},
             "Data": {"shape": "Bytes"}}},
           "AttrMap": {"type": "map", "key": {"shape": "Short"}, "value": {"shape": "Short"}},
           "Short": {"type": "string", "max": 4},
           "Stamp": {"type": "timestamp"},
           "Bytes": {"type": "blob"}}}
        """;
    return ServiceModel.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        null);
  }
}
