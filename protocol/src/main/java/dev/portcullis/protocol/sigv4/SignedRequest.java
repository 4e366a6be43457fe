package dev.portcullis.protocol.sigv4;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an HTTP request that SigV4 signs, as received: the path and query string still
 * percent-encoded, header names lower-case, and the raw body.
 */
public record SignedRequest(String method, String rawPath, String rawQuery,
    Map<String, List<String>> headers, byte[] body) {

  /** The first value of a header, by case-insensitive name, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
