package dev.portcullis.iam.domain;

import java.time.Instant;
import java.util.List;

/**
 * One audit event as the trail stores it: the CloudTrail record ({@code record}, JSON) and the
 * fields LookupEvents and {@code audit events} filter on, taken from it.
 *
 * @param username the user name LookupEvents shows: the IAM user's name, {@code root}, the
 *     session name of a role session or federated user (as CloudTrail's event history), or null
 * @param errorCode null for a call that succeeded
 */
public record AuditEvent(String eventId, Instant eventTime, String accountId, String eventSource,
    String eventName, String username, String principalArn, String accessKeyId,
    boolean readOnly, String errorCode, String sourceIp, List<Resource> resources,
    String record) {

  public AuditEvent {
    resources = List.copyOf(resources);
  }

  /** A resource the call named, as LookupEvents reports it (AWS::IAM::User, bob). */
  public record Resource(String type, String name) {}
}
