package dev.portcullis.protocol;

/**
 * An error answered to the client in AWS's error envelope. It carries only what the client
 * may see: never put a secret in the message.
 */
public final class AwsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public AwsException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** An error whose message is formatted with {@link String#format}. */
  public static AwsException of(ErrorCode code, String format, Object... args) {
    return new AwsException(code, args.length == 0 ? format : String.format(format, args));
  }

  public ErrorCode code() {
    return code;
  }
}
