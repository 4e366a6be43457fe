package dev.portcullis.server.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The console's random tokens: a session token is 256 random bits (base64url in the cookie),
 * stored only as its SHA-256; a session's CSRF token is derived from the session token, so the
 * database holds neither and a form token from one session is worthless in another.
 */
final class SessionTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN_BYTES = 32;

  private SessionTokens() {}

  /** A new random 256-bit token. */
  static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 (hex) the store keeps of {@code token}. */
  static String hash(String token) {
    return HexFormat.of().formatHex(sha256("session:" + token));
  }

  /** The CSRF token of the session whose token is {@code token}. */
  static String csrf(String token) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf:" + token));
  }

  /** Constant-time comparison of two tokens (either may be null). */
  static boolean same(String expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
