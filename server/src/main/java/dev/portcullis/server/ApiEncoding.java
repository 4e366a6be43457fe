package dev.portcullis.server;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.server.http.RawResponse;
import java.nio.charset.StandardCharsets;

/**
 * The API's encode stage: an operation's output or an error, in the wire format of the service
 * it was for. The encoder comes from the {@link ServiceEndpoint} (the Query protocol's XML
 * today), so a service on another protocol brings its own.
 */
final class ApiEncoding {
  private static final String XML = "text/xml";

  private ApiEncoding() {}

  static RawResponse ok(ServiceEndpoint service, Operation op, Struct output, String requestId) {
    return new RawResponse(200, XML, service.encoder().response(op, output, requestId)
        .getBytes(StandardCharsets.UTF_8), requestId);
  }

  static RawResponse error(ServiceEndpoint service, AwsException e, String requestId) {
    return new RawResponse(e.code().httpStatus(), XML,
        service.encoder().error(e, requestId).getBytes(StandardCharsets.UTF_8), requestId);
  }
}
