package dev.portcullis.server.container;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The shared secret a workload sends in the Authorization header of a container-credentials
 * request: 32 random bytes as URL-safe base64, compared in constant time.
 */
public final class ContainerToken {
  private static final int BYTES = 32;
  private final String value;

  private ContainerToken(String value) {
    this.value = value;
  }

  /** A new random token. */
  public static ContainerToken random() {
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    return new ContainerToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The token's text, for the token file only. */
  public String value() {
    return value;
  }

  /** Whether {@code presented} is this token; its content does not affect the time taken. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  /** Never prints the token, should this reach a log. */
  @Override
  public String toString() {
    return "ContainerToken[***]";
  }
}
