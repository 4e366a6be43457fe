package dev.portcullis.server;

import dev.portcullis.server.http.RequestFactsSource;
import dev.portcullis.server.http.FrontDoor;
import dev.portcullis.iam.Caller;
import dev.portcullis.iam.invoke.Invocation;
import dev.portcullis.iam.invoke.Invoker;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.sigv4.SigV4Verifier;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS API's front door, as its stages: route (service and operation) -> authenticate
 * (SigV4, or none where the model says so) -> decode (the service's codec) -> invoke (the
 * core's invoker: authorize, handler, one audit event) -> encode. Any failure becomes an AWS
 * error envelope; nothing unexpected escapes as a stack trace.
 */
public final class RequestPipeline implements FrontDoor {
  private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);
  private final ApiRouting routing;
  private final ApiAuthentication authentication;
  private final Invoker invoker;
  private final RequestFactsSource facts;

  RequestPipeline(ApiRouting routing, ApiAuthentication authentication, Invoker invoker,
      RequestFactsSource facts) {
    this.routing = routing;
    this.authentication = authentication;
    this.invoker = invoker;
    this.facts = facts;
  }

  /** The API answers every request no other door serves. */
  @Override
  public boolean serves(RawRequest request) {
    return true;
  }

  @Override
  public Answered answer(RawRequest request) {
    ApiRouting.ApiRequest api = routing.read(request);
    // Closing the invocation emits the call's one event, whatever happened before or in it.
    try (Invocation call = invoker.open(facts.of(request))) {
      ServiceEndpoint service = routing.fallback(api);
      // Until routed, the event names the service errors are answered in and the action as
      // sent, so a request refused by routing (unknown Version, too large) is not an event
      // of no service and no name.
      call.service(service.signingName());
      call.operation(api.action(), null);
      RawResponse response;
      try {
        service = routing.service(api);
        response = respond(api, service, call);
      } catch (RuntimeException | StackOverflowError e) {
        response = failure(service, call, e);
      }
      return new Answered(response, service.signingName(), api.action(),
          "key=" + AccessLog.field(call.authenticatedKeyId().orElse(null)));
    }
  }

  private RawResponse respond(ApiRouting.ApiRequest api, ServiceEndpoint service,
      Invocation call) {
    try {
      call.service(service.signingName());
      call.operation(api.action(), null);
      Operation op = service.codec().operation(api.wire());
      call.operation(op.name(), op);
      Optional<Caller> caller = authentication.authenticate(api.raw(), api.queryOnly(), service,
          op, call);
      // The codec comes from the ServiceEndpoint: Query for IAM and STS, JSON for CloudTrail.
      Struct input = service.codec().decode(op, api.wire());
      Struct output = caller.isPresent()
          ? call.invoke(caller.get(), service.registry(), op, input)
          : call.invokeUnsigned(op, input);
      return ApiEncoding.ok(service, op, output, call.requestId());
    } catch (RuntimeException | StackOverflowError e) {
      return failure(service, call, e);
    }
  }

  /**
   * A request the edge refused before its body was read (RequestTimeout, ServiceUnavailable):
   * one event all the same, in the API's terms, under the key the request presented.
   */
  Answered refused(RawRequest request, ErrorCode code, String message) {
    ApiRouting.ApiRequest api = routing.read(request);
    try (Invocation call = invoker.open(facts.of(request))) {
      ServiceEndpoint service = routing.fallback(api);
      try {
        service = routing.service(api);
      } catch (AwsException e) {
        // the refusal is the answer, whatever else is wrong with the request
      }
      call.service(service.signingName());
      call.operation(api.action(), null);
      Optional<String> key = SigV4Verifier.presentedKeyId(ApiAuthentication.signed(request),
          api.queryOnly());
      key.ifPresent(call::presentedKey);
      return new Answered(ApiEncoding.error(service, call.fail(new AwsException(code, message)),
          call.requestId()), service.signingName(), api.action(),
          "key=" + AccessLog.field(key.orElse(null)) + " refused-at-edge");
    }
  }

  /** An AWS error as it is; anything else as ServiceFailure, logged but not shown. */
  private static RawResponse failure(ServiceEndpoint service, Invocation call, Throwable e) {
    AwsException answer;
    if (e instanceof AwsException aws) {
      answer = aws;
    } else {
      LOG.error("request {} failed", call.requestId(), e);
      answer = new AwsException(ErrorCode.SERVICE_FAILURE, "The request processing has failed "
          + "because of an unknown error, exception or failure.");
    }
    return ApiEncoding.error(service, call.fail(answer), call.requestId());
  }
}
