package dev.portcullis.iam.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as virtual MFA devices emit
 * them: HMAC-SHA1, a 30-second time step counted from the Unix epoch, 6 digits.
 */
public final class Totp {
  /** The length of one time step. */
  public static final long STEP_SECONDS = 30;
  /** The digits of a virtual MFA device's code. */
  public static final int DIGITS = 6;
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
      10_000_000, 100_000_000};

  private Totp() {}

  /** The time step an instant falls in. */
  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The 6-digit code of {@code step}. */
  public static String code(byte[] key, long step) {
    return code(key, step, DIGITS);
  }

  /** The code of {@code step} with {@code digits} digits (1 to 8), zero-padded. */
  public static String code(byte[] key, long step, int digits) {
    if (digits < 1 || digits > 8) {
      throw new IllegalArgumentException("digits must be 1 to 8");
    }
    byte[] hash = hmacSha1(key, ByteBuffer.allocate(8).putLong(step).array());
    // RFC 4226 section 5.3: dynamic truncation.
    int offset = hash[hash.length - 1] & 0x0f;
    int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
        | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
    String s = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - s.length()) + s;
  }

  /**
   * The step in {@code [from, to]} whose code is {@code given}, or empty. Every step in the
   * range is computed and compared in constant time, so the answer's timing tells nothing of
   * which step matched or how many digits were right.
   */
  public static OptionalLong findStep(byte[] key, String given, long from, long to) {
    byte[] g = given.getBytes(StandardCharsets.US_ASCII);
    long found = Long.MIN_VALUE;
    for (long s = from; s <= to; s++) {
      boolean same = MessageDigest.isEqual(code(key, s).getBytes(StandardCharsets.US_ASCII), g);
      if (same && found == Long.MIN_VALUE) {
        found = s;
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }

  /**
   * The step {@code s} such that {@code first} is the code of {@code s} and {@code second} the
   * code of {@code s + 1}, both steps within {@code [from, to]}; or empty. As
   * {@link #findStep}, every candidate is compared in constant time.
   */
  public static OptionalLong findConsecutive(byte[] key, String first, String second, long from,
      long to) {
    byte[] a = first.getBytes(StandardCharsets.US_ASCII);
    byte[] b = second.getBytes(StandardCharsets.US_ASCII);
    long found = Long.MIN_VALUE;
    byte[] previous = code(key, from).getBytes(StandardCharsets.US_ASCII);
    for (long s = from; s < to; s++) {
      byte[] next = code(key, s + 1).getBytes(StandardCharsets.US_ASCII);
      boolean same = MessageDigest.isEqual(previous, a) & MessageDigest.isEqual(next, b);
      if (same && found == Long.MIN_VALUE) {
        found = s;
      }
      previous = next;
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }

  private static byte[] hmacSha1(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is unavailable", e);
    }
  }
}
