package dev.portcullis.iam.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.audit.lookup.CloudTrailErrors;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ListPublicKeys over keys held in memory: the range it asks for, the keys it answers. */
class ListPublicKeysOperationsTest {
  private static final String ACCOUNT = "123456789012";
  private static final Instant NOW = Instant.parse("2026-12-04T23:00:00Z");
  private static final Instant ROTATED = Instant.parse("2026-11-01T00:00:00Z");
  private final List<Instant[]> asked = new ArrayList<>();
  private final DigestPublicKey old = new DigestPublicKey(new byte[] {1},
      Instant.parse("2026-10-01T00:00:00Z"), ROTATED, "f-old");
  private final DigestPublicKey current = new DigestPublicKey(new byte[] {2}, ROTATED, null,
      "f-current");
  private final ListPublicKeysOperations ops = new ListPublicKeysOperations(
      (account, start, end) -> {
        assertThat(account).isEqualTo(ACCOUNT);
        asked.add(new Instant[] {start, end});
        return start.isBefore(ROTATED) ? List.of(old, current) : List.of(current);
      });

  private static Caller caller() {
    return new Caller.IamUser(ACCOUNT, "AIDAEXAMPLE", "auditor",
        "arn:aws:iam::" + ACCOUNT + ":user/auditor", "AKIAEXAMPLE", Optional.empty(),
        new Caller.Request("127.0.0.1", false, NOW, "us-east-1"));
  }

  private Struct list(Object... input) {
    return ops.listPublicKeys(caller(), Struct.of(input));
  }

  @Test
  void listPublicKeys_withoutTimes_asksForTheKeyOfTheCallsTime() {
    Struct out = list();

    assertThat(asked).singleElement().satisfies(r -> assertThat(r).containsExactly(NOW, NOW));
    assertThat(out.<Struct>list("PublicKeyList")).singleElement().satisfies(k -> {
      assertThat((byte[]) k.get("Value")).containsExactly(2);
      assertThat(k.get("ValidityStartTime")).isEqualTo(ROTATED);
      assertThat(k.get("ValidityEndTime")).as("the current key's end: the range's")
          .isEqualTo(NOW);
      assertThat(k.string("Fingerprint")).isEqualTo("f-current");
    });
  }

  @Test
  void listPublicKeys_withARange_answersEveryKeyValidInItWithItsEnd() {
    Instant start = Instant.parse("2026-10-15T00:00:00Z");
    Instant end = Instant.parse("2026-11-15T00:00:00Z");

    List<Struct> keys = list("StartTime", start, "EndTime", end).list("PublicKeyList");

    assertThat(asked).singleElement().satisfies(r -> assertThat(r).containsExactly(start, end));
    assertThat(keys).extracting(k -> k.string("Fingerprint"))
        .containsExactly("f-old", "f-current");
    assertThat(keys).extracting(k -> k.get("ValidityEndTime")).containsExactly(ROTATED, end);
  }

  @Test
  void listPublicKeys_onlyAStartTime_endsTheRangeNow() {
    Instant start = Instant.parse("2026-10-15T00:00:00Z");

    list("StartTime", start);

    assertThat(asked).singleElement().satisfies(r -> assertThat(r).containsExactly(start, NOW));
  }

  @Test
  void listPublicKeys_whenStartIsAfterEnd_isInvalidTimeRangeException() {
    assertThatThrownBy(() -> list("StartTime", NOW, "EndTime", NOW.minusSeconds(1)))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().code()).isEqualTo("InvalidTimeRangeException");
          assertThat(e.code().httpStatus()).isEqualTo(400);
        });
    assertThatThrownBy(() -> list("StartTime", NOW.plusSeconds(60)))
        .isInstanceOf(AwsException.class);
    assertThat(asked).isEmpty();
  }

  @Test
  void listPublicKeys_withANextToken_isInvalidTokenException() {
    assertThatThrownBy(() -> list("NextToken", "anything"))
        .isInstanceOfSatisfying(AwsException.class,
            e -> assertThat(e.code().code()).isEqualTo("InvalidTokenException"));
  }

  @Test
  void errorCodes_areTheModelsExceptionShapesOfListPublicKeys() {
    ServiceModel model = ServiceModel.bundled("cloudtrail");
    for (ErrorCode code : List.of(CloudTrailErrors.INVALID_TIME_RANGE,
        CloudTrailErrors.INVALID_TOKEN)) {
      assertThat(model.errorShape(code.code())).as(code.code()).hasValueSatisfying(s ->
          assertThat(s.error().httpStatus()).isEqualTo(code.httpStatus()));
      assertThat(model.operation("ListPublicKeys").orElseThrow().errors())
          .contains(code.code());
    }
  }
}
