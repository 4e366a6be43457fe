package dev.portcullis.iam.audit.lookup;

import dev.portcullis.protocol.ErrorCode;

/**
 * The exception shapes of the CloudTrail model that LookupEvents and ListPublicKeys raise: each
 * is a client fault answered with HTTP 400 (the model gives them no other status; a test keeps
 * them in step with it).
 */
public final class CloudTrailErrors {
  public static final ErrorCode INVALID_LOOKUP_ATTRIBUTES =
      sender("InvalidLookupAttributesException");
  public static final ErrorCode INVALID_TIME_RANGE = sender("InvalidTimeRangeException");
  public static final ErrorCode INVALID_NEXT_TOKEN = sender("InvalidNextTokenException");
  public static final ErrorCode INVALID_TOKEN = sender("InvalidTokenException");

  private CloudTrailErrors() {}

  private static ErrorCode sender(String code) {
    return new ErrorCode(code, 400, true);
  }
}
