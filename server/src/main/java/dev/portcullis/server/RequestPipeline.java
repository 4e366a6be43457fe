package dev.portcullis.server;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.OperationHandler;
import dev.portcullis.iam.auth.ArnMembers;
import dev.portcullis.iam.auth.Authenticator;
import dev.portcullis.iam.auth.Authorizer;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ClientText;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.WireRequest;
import dev.portcullis.protocol.WireResponse;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.sigv4.SigV4Identity;
import dev.portcullis.protocol.sigv4.SigV4Verifier;
import dev.portcullis.protocol.sigv4.SignedRequest;
import dev.portcullis.server.http.FormParameters;
import dev.portcullis.server.http.JettyHttpServer;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of every request: find the service and operation, verify SigV4 on the raw request,
 * decode and validate the input, authorize, run the handler, encode. Any failure becomes an
 * AWS error envelope; nothing unexpected escapes as a stack trace.
 */
public final class RequestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

  private final List<ServiceEndpoint> services;
  private final SigV4Verifier verifier;
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final Ids ids;
  private final AccessLog accessLog;

  RequestPipeline(List<ServiceEndpoint> services, SigV4Verifier verifier,
      Authenticator authenticator, Authorizer authorizer, Ids ids, AccessLog accessLog) {
    this.services = List.copyOf(services);
    this.verifier = verifier;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.ids = ids;
    this.accessLog = accessLog;
  }

  public RawResponse handle(RawRequest request) {
    long start = System.nanoTime();
    String requestId = ids.requestId();
    boolean tooLarge = request.body().length > JettyHttpServer.MAX_BODY_BYTES;
    Map<String, String> params = tooLarge ? FormParameters.queryOnly(request)
        : FormParameters.of(request);
    String action = params.get("Action");
    // Until routed, errors take the form the request's protocol expects.
    ServiceEndpoint service = JsonTargetRouting.service(request, services)
        .orElse(services.get(0));
    String keyId = "-";
    RawResponse response;
    try {
      if (tooLarge) {
        throw AwsException.of(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
            "Request body must not exceed %d bytes.", JettyHttpServer.MAX_BODY_BYTES);
      }
      service = service(params, request);
      WireRequest wire = new WireRequest(params, request.headers(), request.body());
      Operation op = service.codec().operation(wire);
      action = op.name();
      Authenticator.Attempt attempt = authenticator.begin();
      SigV4Identity identity = verifier.verify(signed(request), FormParameters.queryOnly(request),
          service.signingName(), attempt);
      keyId = identity.accessKeyId();
      Caller caller = attempt.caller(identity, request.remoteAddress(), request.secure());
      Struct input = service.codec().decode(op, wire);
      ArnMembers.requireParsable(service.signingName(), input);
      authorizer.authorize(caller, service.signingName(), op.name(), input);
      Struct output = handler(service, op).handle(caller, input);
      response = ok(service.codec().response(op, output, requestId), requestId);
    } catch (AwsException e) {
      response = error(service, e, requestId);
    } catch (RuntimeException | StackOverflowError e) {
      LOG.error("request {} failed", requestId, e);
      response = error(service, new AwsException(ErrorCode.SERVICE_FAILURE,
          "The request processing has failed because of an unknown error, exception or "
          + "failure."), requestId);
    }
    accessLog.log(java.time.Instant.now() + " access " + request.remoteAddress() + " "
        + service.signingName() + " " + AccessLog.field(action) + " " + response.status()
        + " key=" + AccessLog.field(keyId) + " " + (System.nanoTime() - start) / 1000
        + "us req=" + requestId);
    return response;
  }

  private ServiceEndpoint service(Map<String, String> params, RawRequest request) {
    Optional<ServiceEndpoint> json = JsonTargetRouting.service(request, services);
    if (json.isPresent()) {
      return json.get();
    }
    String version = params.get("Version");
    if (version != null) {
      return services.stream().filter(s -> s.model().apiVersion().equals(version)).findFirst()
          .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_ACTION,
              "Could not find operation %s for version %s", sanitize(params.get("Action")),
              sanitize(version)));
    }
    return SigV4Verifier.scopeService(signed(request), FormParameters.queryOnly(request))
        .flatMap(name -> services.stream()
        .filter(s -> s.signingName().equals(name)).findFirst()).orElse(services.get(0));
  }

  private static OperationHandler handler(ServiceEndpoint service, Operation op) {
    return service.registry().handler(op.name()).orElseThrow(() -> AwsException.of(
        ErrorCode.NOT_IMPLEMENTED, "Portcullis does not implement %s:%s yet.",
        service.signingName(), op.name()));
  }

  private static SignedRequest signed(RawRequest r) {
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(), r.body());
  }

  private static RawResponse ok(WireResponse wire, String requestId) {
    return new RawResponse(wire.status(), wire.contentType(), wire.body(), requestId);
  }

  private static RawResponse error(ServiceEndpoint service, AwsException e, String requestId) {
    return ok(service.codec().error(e, requestId), requestId);
  }

  /** Keeps client-supplied text in messages and logs short and printable. */
  public static String sanitize(String s) {
    return ClientText.sanitize(s);
  }
}
