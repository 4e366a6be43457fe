package dev.portcullis.server;

import dev.portcullis.server.http.ClientText;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.sigv4.SigV4Verifier;
import dev.portcullis.server.http.FormParameters;
import dev.portcullis.server.http.JettyHttpServer;
import dev.portcullis.server.http.RawRequest;
import java.util.List;
import java.util.Map;

/**
 * The API's route stage: which service and operation a request is for. IAM and STS share one
 * endpoint, told apart by {@code Version} or else by the credential scope's service (the Query
 * protocol); a protocol that names its operation otherwise plugs in here.
 */
final class ApiRouting {
  private final List<ServiceEndpoint> services;

  ApiRouting(List<ServiceEndpoint> services) {
    this.services = List.copyOf(services);
  }

  /**
   * A request's parameters as routing reads them.
   *
   * @param tooLarge whether the body exceeds what any operation takes (then only the query
   *     string is read)
   */
  record ApiRequest(RawRequest raw, Map<String, String> params, String action,
      boolean tooLarge) {
    Map<String, String> queryOnly() {
      return FormParameters.queryOnly(raw);
    }
  }

  /** Reads the parameters of {@code request}; never throws. */
  ApiRequest read(RawRequest request) {
    boolean tooLarge = request.body().length > JettyHttpServer.MAX_BODY_BYTES;
    Map<String, String> params = tooLarge ? FormParameters.queryOnly(request)
        : FormParameters.of(request);
    return new ApiRequest(request, params, params.get("Action"), tooLarge);
  }

  /** The service errors are answered in before the request's own is known. */
  ServiceEndpoint fallback() {
    return services.get(0);
  }

  /** The service the request is for; an unknown Version is InvalidAction. */
  ServiceEndpoint service(ApiRequest request) {
    if (request.tooLarge()) {
      throw AwsException.of(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
          "Request body must not exceed %d bytes.", JettyHttpServer.MAX_BODY_BYTES);
    }
    String version = request.params().get("Version");
    if (version != null) {
      return services.stream().filter(s -> s.model().apiVersion().equals(version)).findFirst()
          .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_ACTION,
              "Could not find operation %s for version %s", sanitize(request.action()),
              sanitize(version)));
    }
    return SigV4Verifier.scopeService(ApiAuthentication.signed(request.raw()),
        request.queryOnly()).flatMap(name -> services.stream()
        .filter(s -> s.signingName().equals(name)).findFirst()).orElse(fallback());
  }

  /** The model's operation the request names: MissingAction or InvalidAction when none. */
  static Operation operation(ServiceEndpoint service, ApiRequest request) {
    String action = request.action();
    String version = request.params().get("Version");
    if (action == null || action.isEmpty()) {
      throw new AwsException(ErrorCode.MISSING_ACTION, "Missing Action");
    }
    return service.model().operation(action).orElseThrow(() -> AwsException.of(
        ErrorCode.INVALID_ACTION, "Could not find operation %s for version %s",
        sanitize(action), version == null ? service.model().apiVersion() : sanitize(version)));
  }

  private static String sanitize(String s) {
    return ClientText.sanitize(s);
  }
}
