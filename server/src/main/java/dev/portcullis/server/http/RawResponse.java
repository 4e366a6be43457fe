package dev.portcullis.server.http;

import java.util.List;

/**
 * An HTTP response to send.
 *
 * @param headers further headers (the console's Set-Cookie, Location, security headers)
 */
public record RawResponse(int status, String contentType, byte[] body, String requestId,
    List<Header> headers) {

  public RawResponse {
    headers = List.copyOf(headers);
  }

  /** A response with no headers beyond its content type and request id (the API's). */
  public RawResponse(int status, String contentType, byte[] body, String requestId) {
    this(status, contentType, body, requestId, List.of());
  }

  /** One response header; a name may repeat (Set-Cookie). */
  public record Header(String name, String value) {}
}
