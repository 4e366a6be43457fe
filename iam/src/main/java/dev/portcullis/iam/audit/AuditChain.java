package dev.portcullis.iam.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of the audit trail: each event's hash covers its predecessor's hash and its own
 * record, so changing, removing, inserting or reordering any event breaks every hash after it.
 */
public final class AuditChain {
  /** The predecessor of the first event ever appended. */
  public static final String GENESIS = "0".repeat(64);

  /**
   * One digest per thread: looking SHA-256 up among the providers costs about as much as
   * hashing a record, and the writer hashes every event.
   */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  });
  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {}

  /** Hex SHA-256 of the previous hash, a newline and the record's UTF-8 bytes. */
  public static String hash(String previousHash, String record) {
    byte[] utf8 = record.getBytes(StandardCharsets.UTF_8);
    return HEX.formatHex(hash(previousHash, utf8, 0, utf8.length));
  }

  /**
   * The same hash, raw (32 bytes), over a record already in UTF-8 ({@code len} bytes of {@code
   * record} from {@code off}): the store hashes the bytes it writes instead of encoding twice.
   */
  public static byte[] hash(String previousHash, byte[] record, int off, int len) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) '\n');
    sha.update(record, off, len);
    return sha.digest();
  }

  /** Lower-case hex of a raw hash, as {@code StoredAuditEvent} carries it. */
  public static String hex(byte[] hash) {
    return HEX.formatHex(hash);
  }
}
