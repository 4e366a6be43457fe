package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.authz.AuthorizationMessages;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;

/** STS DecodeAuthorizationMessage: the evaluation trace behind an AccessDenied. */
public final class AuthorizationMessageOperations {
  private final AuthorizationMessages messages;

  public AuthorizationMessageOperations(AuthorizationMessages messages) {
    this.messages = messages;
  }

  public void registerInto(OperationRegistry r) {
    r.register("DecodeAuthorizationMessage", this::decode);
  }

  private Struct decode(Caller caller, Struct in) {
    String decoded = messages.decode(in.string("EncodedMessage").strip(),
        caller.accountId()).orElseThrow(() ->
        new AwsException(ErrorCode.INVALID_AUTHORIZATION_MESSAGE,
            "The message passed to DecodeAuthorizationMessage is not valid."));
    return Struct.of("DecodedMessage", decoded);
  }
}
