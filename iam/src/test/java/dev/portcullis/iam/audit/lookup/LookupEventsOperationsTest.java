package dev.portcullis.iam.audit.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LookupEvents over a trail held in memory: the query it asks, the page it answers. */
class LookupEventsOperationsTest {
  private static final String ACCOUNT = "123456789012";
  private final List<AuditEventQuery> asked = new ArrayList<>();
  private final List<StoredAuditEvent> trail = new ArrayList<>();
  private final LookupEventsOperations ops = new LookupEventsOperations(q -> {
    asked.add(q);
    // Newest first below the position, at most the limit: the AuditStore contract.
    List<StoredAuditEvent> out = new ArrayList<>();
    for (int i = trail.size() - 1; i >= 0 && out.size() < q.limit(); i--) {
      if (trail.get(i).seq() < q.beforeSeq()) {
        out.add(trail.get(i));
      }
    }
    return out;
  });

  private static Caller caller() {
    return new Caller.IamUser(ACCOUNT, "AIDAEXAMPLE", "auditor",
        "arn:aws:iam::" + ACCOUNT + ":user/auditor", "AKIAEXAMPLE", java.util.Optional.empty(),
        new Caller.Request("127.0.0.1", false, Instant.now(), "us-east-1"));
  }

  private void record(int n) {
    for (int i = 1; i <= n; i++) {
      trail.add(new StoredAuditEvent(i, new AuditEvent("id-" + i,
          Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i), ACCOUNT, "iam.amazonaws.com",
          "GetUser", "bob", "arn:aws:iam::" + ACCOUNT + ":user/bob", "AKIABOB", i % 2 == 0,
          null, "127.0.0.1", List.of(new AuditEvent.Resource("AWS::IAM::User", "bob")),
          "{\"eventID\":\"id-" + i + "\"}"), "p", "h"));
    }
  }

  private Struct lookup(Object... input) {
    return ops.lookupEvents(caller(), Struct.of(input));
  }

  @Test
  void lookupEvents_withoutInput_asksForTheCallersAccountsLatestFifty() {
    record(3);

    Struct out = lookup();

    AuditEventQuery q = asked.get(0);
    assertThat(q.accountId()).isEqualTo(ACCOUNT);
    assertThat(q.attribute()).isEmpty();
    assertThat(q.start()).isEqualTo(Instant.EPOCH);
    assertThat(q.beforeSeq()).isEqualTo(Long.MAX_VALUE);
    assertThat(q.limit()).isEqualTo(51);
    List<Struct> events = out.list("Events");
    assertThat(events).extracting(e -> e.string("EventId")).containsExactly("id-3", "id-2",
        "id-1");
    Struct newest = events.get(0);
    assertThat(newest.string("ReadOnly")).isEqualTo("false");
    assertThat(events.get(1).string("ReadOnly")).isEqualTo("true");
    assertThat(newest.string("EventName")).isEqualTo("GetUser");
    assertThat(newest.string("EventSource")).isEqualTo("iam.amazonaws.com");
    assertThat(newest.string("Username")).isEqualTo("bob");
    assertThat(newest.string("AccessKeyId")).isEqualTo("AKIABOB");
    assertThat(newest.get("EventTime")).isEqualTo(Instant.parse("2026-12-01T00:00:03Z"));
    assertThat(newest.string("CloudTrailEvent")).isEqualTo("{\"eventID\":\"id-3\"}");
    assertThat(newest.<Struct>list("Resources").get(0).string("ResourceType"))
        .isEqualTo("AWS::IAM::User");
    assertThat(out.has("NextToken")).isFalse();
  }

  @Test
  void lookupEvents_passesEachAttributeKeyAndTheTimeRange() {
    for (AuditEventQuery.Key key : AuditEventQuery.Key.values()) {
      String value = key == AuditEventQuery.Key.ReadOnly ? "true" : "v";
      lookup("LookupAttributes", List.of(Struct.of("AttributeKey", key.name(),
          "AttributeValue", value)), "StartTime", Instant.parse("2026-01-01T00:00:00Z"),
          "EndTime", Instant.parse("2026-02-01T00:00:00Z"));
    }

    assertThat(asked).extracting(q -> q.attribute().orElseThrow().key())
        .containsExactly(AuditEventQuery.Key.values());
    assertThat(asked.get(0).start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(asked.get(0).end()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
  }

  @Test
  void lookupEvents_withTwoAttributes_isInvalidLookupAttributes() {
    assertError(() -> lookup("LookupAttributes", List.of(
        Struct.of("AttributeKey", "Username", "AttributeValue", "bob"),
        Struct.of("AttributeKey", "EventName", "AttributeValue", "GetUser"))),
        "InvalidLookupAttributesException");
    assertError(() -> lookup("LookupAttributes", List.of(
        Struct.of("AttributeKey", "ReadOnly", "AttributeValue", "yes"))),
        "InvalidLookupAttributesException");
    assertThat(asked).isEmpty();
  }

  @Test
  void lookupEvents_withStartAfterEnd_isInvalidTimeRange() {
    assertError(() -> lookup("StartTime", Instant.parse("2026-02-01T00:00:00Z"),
        "EndTime", Instant.parse("2026-01-01T00:00:00Z")), "InvalidTimeRangeException");
  }

  @Test
  void lookupEvents_pages_continueBelowTheLastEventReturned() {
    record(5);

    Struct first = lookup("MaxResults", 2);
    Struct second = lookup("MaxResults", 2, "NextToken", first.string("NextToken"));
    Struct last = lookup("MaxResults", 2, "NextToken", second.string("NextToken"));

    assertThat(ids(first)).containsExactly("id-5", "id-4");
    assertThat(ids(second)).containsExactly("id-3", "id-2");
    assertThat(ids(last)).containsExactly("id-1");
    assertThat(last.has("NextToken")).isFalse();
    assertThat(asked.get(1).beforeSeq()).isEqualTo(4);
  }

  @Test
  void lookupEvents_nextTokenWithOtherParametersOrAltered_isInvalidNextToken() {
    record(3);
    String token = lookup("MaxResults", 1).string("NextToken");

    assertError(() -> lookup("NextToken", token, "LookupAttributes", List.of(Struct.of(
        "AttributeKey", "Username", "AttributeValue", "bob"))), "InvalidNextTokenException");
    assertError(() -> lookup("NextToken", token, "StartTime", Instant.EPOCH.plusSeconds(1)),
        "InvalidNextTokenException");
    for (String bad : new String[] {"", "garbage!", token + "x", token.substring(1),
        java.util.Base64.getUrlEncoder().encodeToString("v1:-5:abc".getBytes())}) {
      assertError(() -> lookup("NextToken", bad), "InvalidNextTokenException");
    }
    // The page size may change from page to page.
    assertThat(ids(lookup("MaxResults", 5, "NextToken", token))).containsExactly("id-2", "id-1");
  }

  @Test
  void lookupEvents_insightCategory_isAnEmptyListWithoutReadingTheTrail() {
    record(2);

    assertThat(lookup("EventCategory", "insight").list("Events")).isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void errorCodes_areTheModelsExceptionShapes() {
    ServiceModel model = ServiceModel.bundled("cloudtrail");
    for (ErrorCode code : List.of(CloudTrailErrors.INVALID_LOOKUP_ATTRIBUTES,
        CloudTrailErrors.INVALID_TIME_RANGE, CloudTrailErrors.INVALID_NEXT_TOKEN)) {
      assertThat(model.errorShape(code.code())).as(code.code()).hasValueSatisfying(s ->
          assertThat(s.error().httpStatus()).isEqualTo(code.httpStatus()));
      assertThat(model.operation("LookupEvents").orElseThrow().errors()).contains(code.code());
    }
  }

  private static List<String> ids(Struct out) {
    return out.<Struct>list("Events").stream().map(e -> e.string("EventId")).toList();
  }

  private static void assertError(Runnable call, String code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class,
        e -> assertThat(e.code().code()).isEqualTo(code));
  }
}
