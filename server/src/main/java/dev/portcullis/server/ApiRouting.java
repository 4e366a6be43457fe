package dev.portcullis.server;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ClientText;
import dev.portcullis.protocol.WireRequest;
import dev.portcullis.protocol.json.JsonCodec;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.sigv4.SigV4Verifier;
import dev.portcullis.server.http.FormParameters;
import dev.portcullis.server.http.JettyHttpServer;
import dev.portcullis.server.http.RawRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's route stage: which service and operation a request is for. IAM and STS share one
 * endpoint, told apart by {@code Version} or else by the credential scope's service (the Query
 * protocol); a JSON-protocol service (CloudTrail) by its {@code X-Amz-Target} prefix.
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

    /** The request as the services' codecs read it. */
    WireRequest wire() {
      return new WireRequest(params, raw.headers(), raw.body());
    }
  }

  /** Reads the parameters of {@code request}; never throws. */
  ApiRequest read(RawRequest request) {
    boolean tooLarge = request.body().length > JettyHttpServer.MAX_BODY_BYTES;
    String target = request.header(JsonCodec.TARGET_HEADER);
    if (target != null) {
      // The JSON protocol: the operation is the target's (Service_Version.Operation), which is
      // also what runs. The body is JSON, never form parameters, so an "Action=" in it or in
      // the query string cannot name another action in the access log.
      return new ApiRequest(request, FormParameters.queryOnly(request),
          target.substring(target.lastIndexOf('.') + 1), tooLarge);
    }
    Map<String, String> params = tooLarge ? FormParameters.queryOnly(request)
        : FormParameters.of(request);
    return new ApiRequest(request, params, params.get("Action"), tooLarge);
  }

  /**
   * The service errors are answered in before the request's own is known: until routed,
   * errors take the form the request's protocol expects.
   */
  ServiceEndpoint fallback(ApiRequest request) {
    return JsonTargetRouting.service(request.raw(), services).orElse(services.get(0));
  }

  /** The service the request is for; an unknown Version is InvalidAction. */
  ServiceEndpoint service(ApiRequest request) {
    if (request.tooLarge()) {
      throw AwsException.of(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
          "Request body must not exceed %d bytes.", JettyHttpServer.MAX_BODY_BYTES);
    }
    Optional<ServiceEndpoint> json = JsonTargetRouting.service(request.raw(), services);
    if (json.isPresent()) {
      return json.get();
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
        .filter(s -> s.signingName().equals(name)).findFirst()).orElse(services.get(0));
  }

  private static String sanitize(String s) {
    return ClientText.sanitize(s);
  }
}
