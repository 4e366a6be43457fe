package dev.portcullis.server;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.WireResponse;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.server.http.RawResponse;

/**
 * The API's encode stage: an operation's output or an error, in the wire format of the service
 * it was for. The codec comes from the {@link ServiceEndpoint} (the Query protocol's XML for
 * IAM and STS, the JSON protocol for CloudTrail).
 */
final class ApiEncoding {
  private ApiEncoding() {}

  static RawResponse ok(ServiceEndpoint service, Operation op, Struct output, String requestId) {
    return raw(service.codec().response(op, output, requestId), requestId);
  }

  static RawResponse error(ServiceEndpoint service, AwsException e, String requestId) {
    return raw(service.codec().error(e, requestId), requestId);
  }

  private static RawResponse raw(WireResponse wire, String requestId) {
    return new RawResponse(wire.status(), wire.contentType(), wire.body(), requestId);
  }
}
