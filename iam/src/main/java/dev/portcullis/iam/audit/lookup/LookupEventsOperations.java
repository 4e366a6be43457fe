package dev.portcullis.iam.audit.lookup;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CloudTrail's LookupEvents over the audit trail: the caller's account's events, newest first,
 * filtered by at most one lookup attribute and a time range, fifty or fewer a page. Model
 * constraints (MaxResults 1 to 50, attribute keys, value lengths) are checked by the codec
 * before this runs; this checks what the model cannot say.
 */
public final class LookupEventsOperations {
  /** LookupEvents' default and largest page. */
  static final int MAX_RESULTS = 50;
  // No EndTime: everything up to the end of time, a fixed instant so that pages agree on it.
  private static final Instant NO_END = Instant.parse("9999-12-31T23:59:59Z");
  private final AuditLookup trail;

  public LookupEventsOperations(AuditLookup trail) {
    this.trail = trail;
  }

  public void registerInto(OperationRegistry r) {
    r.register("LookupEvents", this::lookupEvents);
  }

  Struct lookupEvents(Caller caller, Struct in) {
    Optional<AuditEventQuery.Attribute> attribute = attribute(in.list("LookupAttributes"));
    Instant start = instant(in.get("StartTime"), Instant.EPOCH);
    Instant end = instant(in.get("EndTime"), NO_END);
    if (start.isAfter(end)) {
      throw new AwsException(CloudTrailErrors.INVALID_TIME_RANGE,
          "Start time must be before or equal to end time.");
    }
    int limit = in.integer("MaxResults", MAX_RESULTS);
    if (in.has("EventCategory")) {
      // "insight" is the only category, and Portcullis records no Insights events: AWS answers
      // an account without Insights an empty list.
      return Struct.of("Events", List.of());
    }
    AuditEventQuery first = new AuditEventQuery(caller.accountId(), attribute, start, end,
        Long.MAX_VALUE, limit + 1);
    long before = in.has("NextToken") ? PageToken.decode(in.string("NextToken"), first)
        : Long.MAX_VALUE;
    AuditEventQuery query = new AuditEventQuery(caller.accountId(), attribute, start, end,
        before, limit + 1);
    // One more than a page is read to know whether another page follows.
    List<StoredAuditEvent> found = trail.lookup(query);
    List<Struct> events = new ArrayList<>(Math.min(found.size(), limit));
    for (int i = 0; i < found.size() && i < limit; i++) {
      events.add(event(found.get(i).event()));
    }
    String next = found.size() > limit
        ? PageToken.encode(first, found.get(limit - 1).seq()) : null;
    return Struct.of("Events", events, "NextToken", next);
  }

  /** At most one attribute, as AWS allows ("Currently the list can contain only one item"). */
  private static Optional<AuditEventQuery.Attribute> attribute(List<Struct> attributes) {
    if (attributes.isEmpty()) {
      return Optional.empty();
    }
    if (attributes.size() > 1) {
      throw new AwsException(CloudTrailErrors.INVALID_LOOKUP_ATTRIBUTES,
          "You cannot specify more than one lookup attribute.");
    }
    Struct a = attributes.get(0);
    AuditEventQuery.Key key = AuditEventQuery.Key.valueOf(a.string("AttributeKey"));
    String value = a.string("AttributeValue");
    if (key == AuditEventQuery.Key.ReadOnly && !value.equals("true") && !value.equals("false")) {
      throw new AwsException(CloudTrailErrors.INVALID_LOOKUP_ATTRIBUTES,
          "The value of the ReadOnly lookup attribute must be true or false.");
    }
    return Optional.of(new AuditEventQuery.Attribute(key, value));
  }

  private static Instant instant(Object value, Instant fallback) {
    return value == null ? fallback : (Instant) value;
  }

  /** One event as LookupEvents answers it; ReadOnly is a string, as in AWS's model. */
  static Struct event(AuditEvent e) {
    List<Struct> resources = new ArrayList<>(e.resources().size());
    for (AuditEvent.Resource r : e.resources()) {
      resources.add(Struct.of("ResourceType", r.type(), "ResourceName", r.name()));
    }
    return Struct.of("EventId", e.eventId(), "EventName", e.eventName(),
        "ReadOnly", Boolean.toString(e.readOnly()), "AccessKeyId", e.accessKeyId(),
        "EventTime", e.eventTime(), "EventSource", e.eventSource(),
        "Username", e.username(), "Resources", resources.isEmpty() ? null : resources,
        "CloudTrailEvent", e.record());
  }
}
