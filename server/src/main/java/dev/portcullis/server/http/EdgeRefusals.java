package dev.portcullis.server.http;

import dev.portcullis.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Told of every request the edge answers itself, before any front door sees it: a body that
 * does not arrive in time (RequestTimeout) or that finds the body budget spent
 * (ServiceUnavailable). A refused call is a call all the same, and is recorded like one.
 */
@FunctionalInterface
public interface EdgeRefusals {
  /**
   * Records the refusal of {@code request} (its headers and query; the body was not read) and
   * returns the answer: the error in the wire form the request's service speaks.
   */
  RawResponse refused(RawRequest request, ErrorCode code, String message);

  /** Records nothing and answers in the Query protocol's form (a bare edge, in its tests). */
  EdgeRefusals UNRECORDED = (request, code, message) -> {
    String requestId = UUID.randomUUID().toString();
    String xml = "<ErrorResponse><Error><Type>" + (code.senderFault() ? "Sender" : "Receiver")
        + "</Type><Code>" + code.code() + "</Code><Message>" + message
        + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    return new RawResponse(code.httpStatus(), "text/xml", xml.getBytes(StandardCharsets.UTF_8),
        requestId);
  };
}
