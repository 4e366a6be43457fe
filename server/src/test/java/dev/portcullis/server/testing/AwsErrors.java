package dev.portcullis.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Asserts that an SDK call fails with a given AWS error code, HTTP status and message. */
public final class AwsErrors {
  private AwsErrors() {}

  public static void assertAwsError(ThrowingCallable call, String code, int status) {
    assertAwsError(call, code, status, null);
  }

  /** {@code message} null skips the message check. */
  public static void assertAwsError(ThrowingCallable call, String code, int status,
      String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.statusCode()).isEqualTo(status);
      if (message != null) {
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
      }
    });
  }
}
