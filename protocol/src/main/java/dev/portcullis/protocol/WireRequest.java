package dev.portcullis.protocol;

import java.util.List;
import java.util.Map;

/**
 * What a protocol codec reads of a request: its Query parameters (query string and form body),
 * its headers (names in lower case) and its raw body.
 */
public record WireRequest(Map<String, String> params, Map<String, List<String>> headers,
    byte[] body) {

  /** The first value of a header, or null. */
  public String header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
