package dev.portcullis.protocol.sigv4;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.UriEncoding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 on a request, from the {@code Authorization} header or a
 * presigned query string. The computed signature is compared in constant time.
 */
public final class SigV4Verifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final long MAX_PRESIGN_SECONDS = 604_800;
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final SigningKeyCache keys = new SigningKeyCache();

  public SigV4Verifier(Clock clock) {
    this.clock = clock;
  }

  /** Verifies the request as a call to {@code service} ({@code iam} or {@code sts}). */
  public SigV4Identity verify(SignedRequest request, Map<String, String> queryParams,
      String service, SecretResolver secrets) {
    SignatureParts parts = queryParams.containsKey("X-Amz-Algorithm")
        ? SignatureParts.fromQuery(queryParams)
        : SignatureParts.fromHeader(request);
    Instant signedAt = parseDate(parts.amzDate());
    String[] scope = parts.credential().split("/", -1);
    if (scope.length != 5) {
      throw AwsException.of(ErrorCode.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 "
          + "slash-delimited elements, e.g. keyid/date/region/service/term, got '%s'",
          parts.credential().replaceFirst("^[^/]*", "..."));
    }
    checkScope(scope, parts.amzDate(), service);
    if (!parts.signedHeaders().contains("host")) {
      throw new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    // The cheap checks first: a stale request costs no key look-up.
    checkTime(signedAt, parts.expiresSeconds());
    String secret = secrets.secretFor(scope[0], parts.securityToken());
    String expected = signature(request, parts, scope, secret);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        parts.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "The request signature we "
          + "calculated does not match the signature you provided. Check your AWS Secret Access "
          + "Key and signing method. Consult the service documentation for details.");
    }
    return new SigV4Identity(scope[0], SigningRegions.requested(service, scope[2]), scope[3],
        signedAt, parts.securityToken());
  }

  /**
   * The service a request's credential scope names, when it carries a well-formed signature:
   * what a request without a {@code Version} parameter is addressed to.
   */
  public static Optional<String> scopeService(SignedRequest request,
      Map<String, String> queryParams) {
    return scope(request, queryParams).map(scope -> scope[3]);
  }

  /**
   * The access key id a request's credential scope names, unverified: what a request the edge
   * refuses before it is read is recorded under (as CloudTrail records a failed call's key).
   */
  public static Optional<String> presentedKeyId(SignedRequest request,
      Map<String, String> queryParams) {
    return scope(request, queryParams).map(scope -> scope[0]);
  }

  private static Optional<String[]> scope(SignedRequest request, Map<String, String> queryParams) {
    try {
      SignatureParts parts = queryParams.containsKey("X-Amz-Algorithm")
          ? SignatureParts.fromQuery(queryParams) : SignatureParts.fromHeader(request);
      String[] scope = parts.credential().split("/", -1);
      return scope.length == 5 ? Optional.of(scope) : Optional.empty();
    } catch (AwsException e) {
      return Optional.empty();
    }
  }

  private static Instant parseDate(String amzDate) {
    try {
      return AmzDate.parse(amzDate);
    } catch (DateTimeParseException e) {
      throw AwsException.of(ErrorCode.INCOMPLETE_SIGNATURE,
          "Date must be in ISO-8601 'basic format'. Got '%s'. See "
          + "http://en.wikipedia.org/wiki/ISO_8601", amzDate);
    }
  }

  private static void checkScope(String[] scope, String amzDate, String service) {
    if (!scope[1].equals(amzDate.substring(0, 8))) {
      throw AwsException.of(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Credential should be scoped to "
          + "a valid date: '%s' in the credential does not match the request date '%s'.",
          scope[1], amzDate.substring(0, 8));
    }
    if (!SigningRegions.isValid(scope[2])) {
      // AWS's wording, e.g. "Credential should be scoped to a valid region, not 'us-east-2'. "
      throw AwsException.of(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "Credential should be scoped to a valid region, not '%s'. ", shown(scope[2]));
    }
    if (!scope[3].equals(service)) {
      throw AwsException.of(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "Credential should be scoped to correct service: '%s'. ", service);
    }
    if (!scope[4].equals("aws4_request")) {
      throw AwsException.of(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "Credential should be scoped with a valid terminator: 'aws4_request', not '%s'. ",
          scope[4]);
    }
  }

  /** A client's text echoed in a message: letters, digits and a few marks, at most 32. */
  private static String shown(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 32; i++) {
      char c = text.charAt(i);
      out.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '*' ? c : '?');
    }
    return out.toString();
  }

  private void checkTime(Instant signedAt, Long expiresSeconds) {
    Instant now = clock.instant();
    if (expiresSeconds != null) {
      if (expiresSeconds < 1 || expiresSeconds > MAX_PRESIGN_SECONDS) {
        throw AwsException.of(ErrorCode.INCOMPLETE_SIGNATURE,
            "X-Amz-Expires must be between 1 and %d seconds", MAX_PRESIGN_SECONDS);
      }
      if (now.isAfter(signedAt.plusSeconds(expiresSeconds))
          || signedAt.isAfter(now.plus(MAX_SKEW))) {
        throw AwsException.of(ErrorCode.REQUEST_EXPIRED, "Request has expired.");
      }
    } else if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw AwsException.of(ErrorCode.REQUEST_EXPIRED, "Request has expired. Signature date %s "
          + "is more than 15 minutes from the server time %s.", AMZ_DATE.format(signedAt),
          AMZ_DATE.format(now));
    }
  }

  private String signature(SignedRequest request, SignatureParts parts, String[] scope,
      String secret) {
    String canonical = CanonicalRequest.of(request, parts.signedHeaders(), parts.presigned());
    String stringToSign = ALGORITHM + "\n" + parts.amzDate() + "\n"
        + String.join("/", scope[1], scope[2], scope[3], scope[4]) + "\n"
        + Hashing.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    byte[] key = keys.signingKey(scope[0], secret, scope[1], scope[2], scope[3]);
    return Hashing.hex(Hashing.hmacSha256(key, stringToSign));
  }

  /** The signature fields, from whichever place the client put them. */
  record SignatureParts(String credential, List<String> signedHeaders, String signature,
      String amzDate, String securityToken, Long expiresSeconds, boolean presigned) {

    static SignatureParts fromHeader(SignedRequest request) {
      String auth = request.header("authorization");
      if (auth == null) {
        throw new AwsException(ErrorCode.MISSING_AUTHENTICATION_TOKEN,
            "Request is missing Authentication Token");
      }
      int space = auth.indexOf(' ');
      String algorithm = space < 0 ? auth : auth.substring(0, space);
      if (!algorithm.equals(ALGORITHM)) {
        throw AwsException.of(ErrorCode.INCOMPLETE_SIGNATURE,
            "Unsupported AWS 'algorithm': '%s'. Use " + ALGORITHM + ".", algorithm);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (String part : auth.substring(space < 0 ? auth.length() : space + 1).split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
      }
      List<String> missing = new ArrayList<>();
      for (String f : List.of("Credential", "Signature", "SignedHeaders")) {
        if (!fields.containsKey(f)) {
          missing.add("Authorization header requires '" + f + "' parameter.");
        }
      }
      String date = request.header("x-amz-date");
      if (date == null) {
        missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a "
            + "'Date' header.");
      }
      if (!missing.isEmpty()) {
        throw new AwsException(ErrorCode.INCOMPLETE_SIGNATURE, String.join(" ", missing)
            + " Authorization=" + ALGORITHM);
      }
      return new SignatureParts(fields.get("Credential"),
          List.of(fields.get("SignedHeaders").split(";")), fields.get("Signature"), date,
          request.header("x-amz-security-token"), null, false);
    }

    static SignatureParts fromQuery(Map<String, String> q) {
      if (!ALGORITHM.equals(q.get("X-Amz-Algorithm"))) {
        throw AwsException.of(ErrorCode.INCOMPLETE_SIGNATURE,
            "Unsupported AWS 'algorithm': '%s'. Use " + ALGORITHM + ".", q.get("X-Amz-Algorithm"));
      }
      List<String> missing = new ArrayList<>();
      for (String f : List.of("X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders",
          "X-Amz-Date", "X-Amz-Expires")) {
        if (q.get(f) == null) {
          missing.add("'" + f + "'");
        }
      }
      if (!missing.isEmpty()) {
        throw new AwsException(ErrorCode.INCOMPLETE_SIGNATURE, "AWS query-string parameters "
            + "must include " + String.join(", ", missing) + ". Re-examine the query-string "
            + "parameters.");
      }
      long expires;
      try {
        expires = Long.parseLong(q.get("X-Amz-Expires"));
      } catch (NumberFormatException e) {
        throw new AwsException(ErrorCode.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be a number");
      }
      return new SignatureParts(q.get("X-Amz-Credential"),
          List.of(q.get("X-Amz-SignedHeaders").split(";")), q.get("X-Amz-Signature"),
          q.get("X-Amz-Date"), q.get("X-Amz-Security-Token"), expires, true);
    }
  }

  /** Percent-decoded name/value pair of a raw query string, in order. */
  static List<String[]> queryPairs(String rawQuery) {
    List<String[]> pairs = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      pairs.add(new String[] {UriEncoding.decode(name, true), UriEncoding.decode(value, true)});
    }
    return pairs;
  }
}
