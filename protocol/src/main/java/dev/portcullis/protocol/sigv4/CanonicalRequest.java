package dev.portcullis.protocol.sigv4;

import dev.portcullis.protocol.UriEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Builds the SigV4 canonical request of a received request. */
final class CanonicalRequest {
  private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

  private CanonicalRequest() {}

  static String of(SignedRequest request, List<String> signedHeaders, boolean presigned) {
    StringBuilder c = new StringBuilder(512);
    c.append(request.method()).append('\n');
    c.append(canonicalUri(request.rawPath())).append('\n');
    c.append(canonicalQuery(request.rawQuery(), presigned)).append('\n');
    for (String name : signedHeaders) {
      c.append(name).append(':').append(headerValue(request, name)).append('\n');
    }
    c.append('\n').append(String.join(";", signedHeaders)).append('\n');
    c.append(payloadHash(request));
    return c.toString();
  }

  /**
   * The hash of the body as received. The client's {@code x-amz-content-sha256} is never taken
   * on trust: on the Query protocol the body carries the action and its parameters, so a claimed
   * hash that the body does not match (or an unsigned payload with a body) would let a replayed
   * signature cover a substituted body. Only an empty body may be declared unsigned.
   */
  private static String payloadHash(SignedRequest request) {
    String actual = Hashing.sha256Hex(request.body());
    String claimed = request.header("x-amz-content-sha256");
    return UNSIGNED.equals(claimed) && request.body().length == 0 ? UNSIGNED : actual;
  }

  /** Non-S3 services sign the path encoded twice: each segment of the received form again. */
  private static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    String[] segments = rawPath.split("/", -1);
    StringBuilder out = new StringBuilder(rawPath.length() + 8);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(UriEncoding.encode(segments[i]));
    }
    return out.toString();
  }

  private static String canonicalQuery(String rawQuery, boolean presigned) {
    List<String[]> pairs = new ArrayList<>();
    for (String[] p : SigV4Verifier.queryPairs(rawQuery)) {
      if (presigned && p[0].equals("X-Amz-Signature")) {
        continue;
      }
      pairs.add(new String[] {UriEncoding.encode(p[0]), UriEncoding.encode(p[1])});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  private static String headerValue(SignedRequest request, String name) {
    List<String> values = request.headers().get(name.toLowerCase(Locale.ROOT));
    if (values == null) {
      return "";
    }
    List<String> trimmed = new ArrayList<>(values.size());
    for (String v : values) {
      trimmed.add(collapseSpaces(v.trim()));
    }
    return String.join(",", trimmed);
  }

  /** Sequential spaces become one, as SigV4 canonical header values require. */
  static String collapseSpaces(String v) {
    if (!v.contains("  ")) {
      return v;
    }
    StringBuilder out = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != ' ' || out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
