package dev.portcullis.protocol;

/**
 * An AWS error code with the HTTP status and fault side it is answered with. The IAM codes
 * mirror the exception shapes of the service model (a test keeps them in step); the others are
 * the common errors every Query-protocol service shares.
 */
public record ErrorCode(String code, int httpStatus, boolean senderFault) {
  // Common to every Query-protocol service.
  public static final ErrorCode VALIDATION_ERROR = sender("ValidationError", 400);
  public static final ErrorCode INVALID_ACTION = sender("InvalidAction", 400);
  public static final ErrorCode MISSING_ACTION = sender("MissingAction", 400);
  public static final ErrorCode INVALID_PARAMETER_VALUE = sender("InvalidParameterValue", 400);
  public static final ErrorCode INVALID_PARAMETER_COMBINATION =
      sender("InvalidParameterCombination", 400);
  public static final ErrorCode MALFORMED_QUERY_STRING = sender("MalformedQueryString", 404);
  public static final ErrorCode NOT_IMPLEMENTED = new ErrorCode("NotImplemented", 501, false);
  public static final ErrorCode INTERNAL_FAILURE = new ErrorCode("InternalFailure", 500, false);
  public static final ErrorCode THROTTLING = sender("Throttling", 400);
  public static final ErrorCode ACCESS_DENIED = sender("AccessDenied", 403);
  /** A body beyond what any operation takes, refused before it is parsed or verified. */
  public static final ErrorCode REQUEST_ENTITY_TOO_LARGE = sender("RequestEntityTooLarge", 413);
  // Authentication.
  public static final ErrorCode MISSING_AUTHENTICATION_TOKEN =
      sender("MissingAuthenticationToken", 403);
  public static final ErrorCode INCOMPLETE_SIGNATURE = sender("IncompleteSignature", 400);
  public static final ErrorCode INVALID_CLIENT_TOKEN_ID = sender("InvalidClientTokenId", 403);
  public static final ErrorCode SIGNATURE_DOES_NOT_MATCH = sender("SignatureDoesNotMatch", 403);
  public static final ErrorCode REQUEST_EXPIRED = sender("RequestExpired", 400);
  public static final ErrorCode EXPIRED_TOKEN = sender("ExpiredToken", 403);
  // IAM exception shapes.
  public static final ErrorCode NO_SUCH_ENTITY = sender("NoSuchEntity", 404);
  public static final ErrorCode ENTITY_ALREADY_EXISTS = sender("EntityAlreadyExists", 409);
  public static final ErrorCode DELETE_CONFLICT = sender("DeleteConflict", 409);
  public static final ErrorCode LIMIT_EXCEEDED = sender("LimitExceeded", 409);
  public static final ErrorCode INVALID_INPUT = sender("InvalidInput", 400);
  public static final ErrorCode MALFORMED_POLICY_DOCUMENT = sender("MalformedPolicyDocument", 400);
  public static final ErrorCode POLICY_NOT_ATTACHABLE = sender("PolicyNotAttachable", 400);
  public static final ErrorCode PASSWORD_POLICY_VIOLATION = sender("PasswordPolicyViolation", 400);
  public static final ErrorCode UNMODIFIABLE_ENTITY = sender("UnmodifiableEntity", 400);
  public static final ErrorCode ENTITY_TEMPORARILY_UNMODIFIABLE =
      sender("EntityTemporarilyUnmodifiable", 409);
  public static final ErrorCode CONCURRENT_MODIFICATION = sender("ConcurrentModification", 409);
  public static final ErrorCode INVALID_USER_TYPE = sender("InvalidUserType", 400);
  public static final ErrorCode INVALID_AUTHENTICATION_CODE =
      sender("InvalidAuthenticationCode", 403);
  // STS exception shapes.
  public static final ErrorCode PACKED_POLICY_TOO_LARGE = sender("PackedPolicyTooLarge", 400);
  public static final ErrorCode SERVICE_FAILURE = new ErrorCode("ServiceFailure", 500, false);
  // A common error of every AWS API ("Common Errors" in the IAM API Reference): a temporary
  // failure, which the AWS SDKs retry. Portcullis answers it while its database is unreachable.
  public static final ErrorCode SERVICE_UNAVAILABLE =
      new ErrorCode("ServiceUnavailable", 503, false);
  // A body that does not arrive in time, answered by the edge in the words AWS (S3) uses.
  public static final ErrorCode REQUEST_TIMEOUT = sender("RequestTimeout", 400);
  // STS exception shapes.
  public static final ErrorCode INVALID_AUTHORIZATION_MESSAGE =
      sender("InvalidAuthorizationMessageException", 400);

  private static ErrorCode sender(String code, int status) {
    return new ErrorCode(code, status, true);
  }

  /** The {@code Type} element of the error envelope. */
  public String faultType() {
    return senderFault ? "Sender" : "Receiver";
  }
}
