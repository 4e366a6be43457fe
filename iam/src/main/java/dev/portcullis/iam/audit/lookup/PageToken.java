package dev.portcullis.iam.audit.lookup;

import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * LookupEvents' NextToken: the paging position (the sequence number below which the next page
 * starts) bound to the parameters of the call that produced it by a digest of them, so a token
 * passed with other parameters is refused with InvalidNextTokenException, as AWS refuses it.
 *
 * <p>The token is not secret and need not be: a forged or altered one can only move the
 * starting position within the caller's own account's events, which the same call with no
 * token returns anyway (the account comes from the caller, never from the token). So no key is
 * needed, and a token works on every node of a cluster and across restarts.
 */
final class PageToken {
  private static final String VERSION = "v1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private PageToken() {}

  /** The token of the page after {@code beforeSeq} for {@code query}'s parameters. */
  static String encode(AuditEventQuery query, long beforeSeq) {
    String text = VERSION + ":" + beforeSeq + ":" + binding(query);
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a token carries, if it was made for {@code query}'s parameters. */
  static long decode(String token, AuditEventQuery query) {
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
          .split(":", -1);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (parts.length != 3 || !parts[0].equals(VERSION)
        || !MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.UTF_8),
            binding(query).getBytes(StandardCharsets.UTF_8))) {
      throw invalid();
    }
    try {
      long seq = Long.parseLong(parts[1]);
      if (seq < 1) {
        throw invalid();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  /**
   * A digest of what the token must be passed with: the attribute and the time range (not the
   * page size, which a client may change from page to page).
   */
  private static String binding(AuditEventQuery query) {
    String params = query.accountId() + "\n" + query.attribute()
        .map(a -> a.key().name() + "\n" + a.value()).orElse("-\n-") + "\n"
        + query.start().toEpochMilli() + "\n" + query.end().toEpochMilli();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(params.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AwsException invalid() {
    return new AwsException(CloudTrailErrors.INVALID_NEXT_TOKEN, "Invalid NextToken. The "
        + "token must come from a previous call with the same parameters.");
  }
}
