package dev.portcullis.server;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.auth.Authenticator;
import dev.portcullis.iam.invoke.Invocation;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.sigv4.SigV4Identity;
import dev.portcullis.protocol.sigv4.SigV4Verifier;
import dev.portcullis.protocol.sigv4.SignedRequest;
import dev.portcullis.server.http.RawRequest;
import java.util.Map;
import java.util.Optional;

/**
 * The API's authenticate stage: SigV4, in the Authorization header or presigned in the query,
 * verified on the raw request; none for the operations the model takes unsigned ({@code
 * "authtype":"none"}: AssumeRoleWithSAML, AssumeRoleWithWebIdentity), whose proof is in their
 * input instead.
 */
final class ApiAuthentication {
  private final SigV4Verifier verifier;
  private final Authenticator authenticator;

  ApiAuthentication(SigV4Verifier verifier, Authenticator authenticator) {
    this.verifier = verifier;
    this.authenticator = authenticator;
  }

  /**
   * The caller who signed {@code request}, or empty for an operation taken unsigned. A request
   * that does not authenticate throws, and {@code call} learns the key it presented.
   */
  Optional<Caller> authenticate(RawRequest request, Map<String, String> queryOnly,
      ServiceEndpoint service, Operation op, Invocation call) {
    if (op.unauthenticated()) {
      return Optional.empty();
    }
    Authenticator.Attempt attempt = authenticator.begin();
    try {
      SigV4Identity identity = verifier.verify(signed(request), queryOnly,
          service.signingName(), attempt);
      Caller caller = attempt.caller(identity, request.remoteAddress(), request.secure());
      call.authenticated(caller);
      return Optional.of(caller);
    } catch (AwsException e) {
      call.presentedKey(attempt.presentedKeyId());
      throw e;
    }
  }

  static SignedRequest signed(RawRequest r) {
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(), r.body());
  }
}
