package dev.portcullis.iam.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.domain.AuditEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values LookupEvents filters an event by (its lookup columns and resources), derived
 * from its CloudTrail record by the rules {@link CloudTrailRecords} made them with when the
 * event was built ({@link AuditResources}). {@code audit verify --store} compares them with
 * the stored ones: the hash chain covers only the record, so an edited lookup column could
 * otherwise hide an event from LookupEvents while the trail verifies.
 */
public final class RecordLookupValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordLookupValues() {}

  /**
   * The names of the lookup values of {@code stored} that differ from what its record says
   * (eventId, eventTime, ..., resource list), empty when they all agree. eventTime is compared to
   * the second, the record's precision; an unreadable record differs in every value.
   */
  public static List<String> mismatches(AuditEvent stored) {
    AuditEvent expected = fromRecord(stored.record());
    List<String> out = new ArrayList<>();
    if (expected == null) {
      out.add("record (not a JSON object)");
      return out;
    }
    differs(out, "eventId", expected.eventId(), stored.eventId());
    differs(out, "eventTime", expected.eventTime(), stored.eventTime() == null ? null
        : stored.eventTime().truncatedTo(ChronoUnit.SECONDS));
    differs(out, "accountId", expected.accountId(), stored.accountId());
    differs(out, "eventSource", expected.eventSource(), stored.eventSource());
    differs(out, "eventName", expected.eventName(), stored.eventName());
    differs(out, "username", expected.username(), stored.username());
    differs(out, "principalArn", expected.principalArn(), stored.principalArn());
    differs(out, "accessKeyId", expected.accessKeyId(), stored.accessKeyId());
    differs(out, "readOnly", expected.readOnly(), stored.readOnly());
    differs(out, "errorCode", expected.errorCode(), stored.errorCode());
    differs(out, "sourceIp", expected.sourceIp(), stored.sourceIp());
    differs(out, "resource list", new HashSet<>(expected.resources()),
        new HashSet<>(stored.resources()));
    return out;
  }

  /** The event {@code record} describes (eventTime to the second), or null if unreadable. */
  public static AuditEvent fromRecord(String record) {
    JsonNode r;
    try {
      r = JSON.readTree(record);
    } catch (IOException e) {
      return null;
    }
    if (r == null || !r.isObject()) {
      return null;
    }
    JsonNode who = r.path("userIdentity");
    Instant time;
    try {
      time = Instant.parse(r.path("eventTime").asText());
    } catch (RuntimeException e) {
      time = null;
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("requestParameters").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      parameters.put(f.getKey(), f.getValue().isTextual() ? f.getValue().textValue()
          : f.getValue());
    }
    JsonNode response = r.path("responseElements");
    List<AuditEvent.Resource> resources = AuditResources.of(parameters, member ->
        response.path(ShapeJson.camel(member)).path("accessKeyId").textValue());
    return new AuditEvent(text(r, "eventID"), time, AuditResources.accountId(
        text(r, "recipientAccountId"), text(who, "accountId")), text(r, "eventSource"),
        text(r, "eventName"), AuditResources.username(text(who, "type"), text(who, "arn"),
        text(who, "userName")), text(who, "arn"), text(who, "accessKeyId"),
        r.path("readOnly").asBoolean(false), text(r, "errorCode"),
        text(r, "sourceIPAddress"), resources, record);
  }

  private static String text(JsonNode n, String field) {
    return n.path(field).textValue();
  }

  private static void differs(List<String> out, String name, Object expected, Object stored) {
    if (!Objects.equals(expected, stored)) {
      out.add(name);
    }
  }
}
