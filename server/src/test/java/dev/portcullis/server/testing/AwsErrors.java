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

  /**
   * {@code message} null skips the message check. An AccessDenied's message is compared without
   * the encoded authorization message Portcullis appends to it.
   */
  public static void assertAwsError(ThrowingCallable call, String code, int status,
      String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.statusCode()).isEqualTo(status);
      if (message != null) {
        String actual = e.awsErrorDetails().errorMessage();
        int encoded = actual.indexOf(". Encoded authorization failure message: ");
        assertThat(encoded < 0 ? actual : actual.substring(0, encoded)).isEqualTo(message);
      }
    });
  }
}
