package dev.portcullis.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a request with SigV4 in the {@code Authorization} header, using the same canonical form
 * the verifier checks. For Portcullis' own clients (warm-up, tools); tests sign with the AWS SDK.
 */
public final class SigV4Signer {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SigV4Signer() {}

  /**
   * The headers to send: the given ones plus {@code X-Amz-Date} and {@code Authorization}.
   * {@code headers} must hold {@code Host}; {@code rawPath} and {@code rawQuery} as sent.
   */
  public static Map<String, String> sign(String method, String rawPath, String rawQuery,
      Map<String, String> headers, byte[] body, String accessKeyId, String secret, String region,
      String service, Instant now) {
    String amzDate = AMZ_DATE.format(now);
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    lower.put("x-amz-date", List.of(amzDate));
    List<String> signed = new ArrayList<>(lower.keySet());
    SignedRequest request = new SignedRequest(method, rawPath, rawQuery, lower, body);
    String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    String stringToSign = SigV4Verifier.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + Hashing.sha256Hex(CanonicalRequest.of(request, signed, false)
            .getBytes(StandardCharsets.UTF_8));
    byte[] key = SigningKeyCache.derive(secret, amzDate.substring(0, 8), region, service);
    String signature = Hashing.hex(Hashing.hmacSha256(key, stringToSign));
    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put("X-Amz-Date", amzDate);
    out.put("Authorization", SigV4Verifier.ALGORITHM + " Credential=" + accessKeyId + "/" + scope
        + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature);
    return out;
  }
}
