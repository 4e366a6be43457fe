package dev.portcullis.server;

import dev.portcullis.protocol.json.JsonCodec;
import dev.portcullis.server.http.RawRequest;
import java.util.List;
import java.util.Optional;

/**
 * Routes AWS JSON protocol requests by their {@code X-Amz-Target} header: to the service whose
 * target prefix it carries, or, for a prefix no service has, to the first JSON service, whose
 * codec then answers UnknownOperationException in the JSON form the client expects.
 */
final class JsonTargetRouting {
  private JsonTargetRouting() {}

  /** The service of a request with an X-Amz-Target header; empty for any other request. */
  static Optional<ServiceEndpoint> service(RawRequest request, List<ServiceEndpoint> services) {
    List<String> targets = request.headers().get(JsonCodec.TARGET_HEADER);
    if (targets == null || targets.isEmpty()) {
      return Optional.empty();
    }
    String target = targets.get(0);
    List<ServiceEndpoint> json = services.stream()
        .filter(s -> s.model().targetPrefix() != null).toList();
    return json.stream().filter(s -> JsonCodec.targets(s.model(), target)).findFirst()
        .or(() -> json.stream().findFirst());
  }
}
