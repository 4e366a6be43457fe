package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.OperationHandler;
import dev.portcullis.iam.invoke.Invocation;
import dev.portcullis.iam.invoke.Invoker;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.WireRequest;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RequestFactsSource;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs IAM operations for the console through the core's invoker, as the signed-in person: the
 * same decoding and validation as the API (the Query codec of the IAM model, from the form's
 * fields), the same authorization, the same one audit event per call. Nothing on a console page
 * reaches a handler another way.
 */
final class ConsoleCalls {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleCalls.class);
  private final Invoker invoker;
  private final RequestFactsSource facts;
  private final ServiceApi iam;
  private final ServiceApi cloudtrail;
  private final DenialExplanations denials;

  ConsoleCalls(Invoker invoker, RequestFactsSource facts, ServiceApi iam,
      ServiceApi cloudtrail, DenialExplanations denials) {
    this.invoker = invoker;
    this.facts = facts;
    this.iam = iam;
    this.cloudtrail = cloudtrail;
    this.denials = denials;
  }

  /** An operation's answer: its output, or the error with what the page should say of it. */
  sealed interface Result {
    /** The output, or throws the failure as it is. */
    default Struct output() {
      if (this instanceof Ok ok) {
        return ok.value();
      }
      throw ((Failed) this).error();
    }
  }

  record Ok(Struct value) implements Result {}

  /**
   * @param explanation for AccessDenied, which policy type denied or that none allowed; else
   *     null
   */
  record Failed(AwsException error, String explanation) implements Result {
    /** The error's message without the encoded authorization message (not for people). */
    String message() {
      String m = error.getMessage() == null ? "" : error.getMessage();
      int encoded = m.indexOf(". Encoded authorization failure message:");
      return encoded < 0 ? m : m.substring(0, encoded);
    }
  }

  /** Calls IAM's {@code operation} with {@code params} (Query member names) as {@code caller}. */
  Result call(RawRequest request, Caller caller, String operation, Map<String, String> params) {
    return call(request, caller, iam, operation, new WireRequest(params, Map.of(), new byte[0]));
  }

  /** Calls CloudTrail's {@code operation} with the JSON body {@code json} as {@code caller}. */
  Result callCloudTrail(RawRequest request, Caller caller, String operation, String json) {
    return call(request, caller, cloudtrail, operation, new WireRequest(Map.of(), Map.of(),
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Runs {@code work} as {@code caller}'s IAM {@code operation} with {@code input} (see {@link
   * Invocation#invokeWork}): for what the API cannot ask (root's EnableMFADevice, a passkey's
   * registration), still authorized and recorded as the call.
   */
  Result callWork(RawRequest request, Caller caller, String operation, Struct input,
      OperationHandler work) {
    try (Invocation call = invoker.open(facts.of(request))) {
      call.service(iam.signingName());
      Operation op = iam.model().operation(operation).orElseThrow();
      call.operation(op.name(), op);
      try {
        return new Ok(call.invokeWork(caller, op, input, work));
      } catch (AwsException e) {
        call.fail(e);
        return new Failed(e, e.code().code().equals(ErrorCode.ACCESS_DENIED.code())
            ? denials.explain(e, caller.accountId()) : null);
      }
    }
  }

  private Result call(RawRequest request, Caller caller, ServiceApi service, String operation,
      WireRequest wire) {
    try (Invocation call = invoker.open(facts.of(request))) {
      call.service(service.signingName());
      call.operation(operation, null);
      try {
        Operation op = service.model().operation(operation).orElseThrow();
        call.operation(op.name(), op);
        call.authenticated(caller);
        Struct input = service.codec().decode(op, wire);
        return new Ok(call.invoke(caller, service.registry(), op, input));
      } catch (AwsException e) {
        call.fail(e);
        return new Failed(e, e.code().code().equals(ErrorCode.ACCESS_DENIED.code())
            || e.code().code().equals("AccessDeniedException")
            ? denials.explain(e, caller.accountId()) : null);
      } catch (RuntimeException e) {
        LOG.error("console request {} failed", call.requestId(), e);
        AwsException failure = new AwsException(ErrorCode.SERVICE_FAILURE, "The request "
            + "processing has failed because of an unknown error, exception or failure.");
        call.fail(failure);
        return new Failed(failure, null);
      }
    }
  }

  /** The members of a list in an output (Users, Groups, ...), empty when absent. */
  static List<Struct> list(Struct output, String member) {
    return output.has(member) ? output.<Struct>list(member) : List.of();
  }
}
