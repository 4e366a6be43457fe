package dev.portcullis.iam.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What LookupEvents or {@code audit events} ask of the trail: events of the account within
 * [start, end] matching at most one attribute, newest first, below {@code beforeSeq} (the
 * paging position), at most {@code limit}.
 *
 * @param attribute one of LookupEvents' attribute keys and its value, if any
 */
public record AuditEventQuery(String accountId, Optional<Attribute> attribute, Instant start,
    Instant end, long beforeSeq, int limit) {

  /** LookupEvents' LookupAttributeKey values. */
  public enum Key { EventId, EventName, ReadOnly, Username, ResourceType, ResourceName,
    EventSource, AccessKeyId }

  public record Attribute(Key key, String value) {}
}
