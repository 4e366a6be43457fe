package dev.portcullis.iam.domain;

import java.security.SecureRandom;

/** Generates AWS-style unique ids, access key ids and secrets. */
public final class Ids {
  private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private final SecureRandom random = new SecureRandom();

  /** A 21-character entity id with AWS's prefix (AIDA user, AGPA group, AROA role, ...). */
  public String entityId(IdPrefix prefix) {
    return prefix.name() + randomChars(ID_CHARS, 17);
  }

  /** A 20-character access key id: AKIA for long-term keys, ASIA for temporary ones. */
  public String accessKeyId(boolean temporary) {
    return (temporary ? "ASIA" : "AKIA") + randomChars(ID_CHARS, 16);
  }

  /** A 40-character secret access key. */
  public String secretAccessKey() {
    return randomChars(SECRET_CHARS, 40);
  }

  /**
   * A session token for temporary credentials: 96 random bytes in base64, as opaque to clients
   * as AWS's (which are longer, since they carry the session; ours only names it).
   */
  public String sessionToken() {
    byte[] bytes = new byte[96];
    random.nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  /** A random 12-digit account id that does not start with 0. */
  public String accountId() {
    StringBuilder b = new StringBuilder(12).append((char) ('1' + random.nextInt(9)));
    for (int i = 1; i < 12; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  /** A request id in AWS's UUID form; unique, not secret, so no secure random is needed. */
  public String requestId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    return new java.util.UUID((r.nextLong() & ~0xF000L) | 0x4000L,
        (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
  }

  private String randomChars(char[] alphabet, int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(out);
  }

  /** The id prefixes AWS gives each kind of entity. */
  public enum IdPrefix {
    AIDA, AGPA, AROA, ANPA, AIPA, ASCA, APKA
  }
}
