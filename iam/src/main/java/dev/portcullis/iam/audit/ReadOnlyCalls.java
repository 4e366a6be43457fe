package dev.portcullis.iam.audit;

/**
 * Which calls CloudTrail marks {@code readOnly}: for IAM the operations that only read (Get,
 * List, Simulate); for STS every operation, since issuing credentials or saying who the caller
 * is changes no resource (CloudTrail records AssumeRole, GetSessionToken and GetCallerIdentity
 * with readOnly true).
 */
final class ReadOnlyCalls {
  private ReadOnlyCalls() {}

  static boolean isReadOnly(String eventSource, String eventName) {
    if ("sts.amazonaws.com".equals(eventSource)) {
      return true;
    }
    if (eventName == null) {
      return false;
    }
    return eventName.startsWith("Get") || eventName.startsWith("List")
        || eventName.startsWith("Simulate") || eventName.equals("LookupEvents")
        || eventName.startsWith("Describe");
  }
}
