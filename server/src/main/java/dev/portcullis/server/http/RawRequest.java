package dev.portcullis.server.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as received, before any AWS processing. Header names are lower-case.
 *
 * @param tls the TLS connection it came over, or null over plain HTTP
 */
public record RawRequest(String method, String rawPath, String rawQuery,
    Map<String, List<String>> headers, byte[] body, String remoteAddress, boolean secure,
    Tls tls) {

  /** The negotiated TLS protocol version and cipher suite. */
  public record Tls(String protocol, String cipherSuite) {}

  /** The first value of header {@code name} (lower-case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
