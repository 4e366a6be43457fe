package dev.portcullis.protocol.json;

import dev.portcullis.protocol.ErrorCode;
import java.util.Map;

/**
 * The common errors of the AWS JSON protocol. Services on it name the errors every AWS API
 * shares differently from the Query protocol (ValidationException, AccessDeniedException,
 * UnrecognizedClientException... all HTTP 400: "Common Errors" of the CloudTrail API
 * Reference), so the core raises the Query-protocol codes and this table translates them.
 */
public final class JsonErrors {
  /** A body that is no JSON, or a value of the wrong JSON type for its member. */
  public static final ErrorCode SERIALIZATION = sender("SerializationException");
  /** An X-Amz-Target naming no operation of the service. */
  public static final ErrorCode UNKNOWN_OPERATION = sender("UnknownOperationException");
  public static final ErrorCode VALIDATION = sender("ValidationException");
  public static final ErrorCode ACCESS_DENIED = sender("AccessDeniedException");

  private static final Map<String, ErrorCode> BY_QUERY_CODE = Map.ofEntries(
      Map.entry(ErrorCode.VALIDATION_ERROR.code(), VALIDATION),
      Map.entry(ErrorCode.INVALID_ACTION.code(), UNKNOWN_OPERATION),
      Map.entry(ErrorCode.MISSING_ACTION.code(), UNKNOWN_OPERATION),
      Map.entry(ErrorCode.ACCESS_DENIED.code(), ACCESS_DENIED),
      Map.entry(ErrorCode.MISSING_AUTHENTICATION_TOKEN.code(),
          sender("MissingAuthenticationTokenException")),
      Map.entry(ErrorCode.INCOMPLETE_SIGNATURE.code(), sender("IncompleteSignatureException")),
      Map.entry(ErrorCode.INVALID_CLIENT_TOKEN_ID.code(), sender("UnrecognizedClientException")),
      Map.entry(ErrorCode.SIGNATURE_DOES_NOT_MATCH.code(), sender("InvalidSignatureException")),
      Map.entry(ErrorCode.REQUEST_EXPIRED.code(), sender("InvalidSignatureException")),
      Map.entry(ErrorCode.EXPIRED_TOKEN.code(), sender("ExpiredTokenException")),
      Map.entry(ErrorCode.THROTTLING.code(), sender("ThrottlingException")),
      Map.entry(ErrorCode.SERVICE_FAILURE.code(), ErrorCode.INTERNAL_FAILURE),
      Map.entry(ErrorCode.REQUEST_ENTITY_TOO_LARGE.code(),
          new ErrorCode("RequestEntityTooLargeException", 413, true)));

  private JsonErrors() {}

  /** The JSON protocol's code for {@code code}; service-specific codes are unchanged. */
  public static ErrorCode translate(ErrorCode code) {
    return BY_QUERY_CODE.getOrDefault(code.code(), code);
  }

  private static ErrorCode sender(String code) {
    return new ErrorCode(code, 400, true);
  }
}
