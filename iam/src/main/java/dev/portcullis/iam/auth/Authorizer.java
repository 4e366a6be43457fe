package dev.portcullis.iam.auth;

import dev.portcullis.iam.Caller;
import dev.portcullis.protocol.Struct;

/**
 * Decides whether a caller may perform an operation; throws AccessDenied when not. It runs
 * after input decoding and before the handler.
 */
@FunctionalInterface
public interface Authorizer {
  void authorize(Caller caller, String service, String operation, Struct input);

  /**
   * Allows every authenticated caller of the account: the rule until the policy engine is
   * enforced on every call.
   */
  Authorizer ACCOUNT_MEMBERS = (caller, service, operation, input) -> { };
}
