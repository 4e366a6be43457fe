package dev.portcullis.iam.authz;

import dev.portcullis.iam.Caller;
import dev.portcullis.protocol.Struct;

/**
 * Decides whether a caller may perform an operation; throws AccessDenied when not. It runs
 * after input decoding and before the handler.
 */
@FunctionalInterface
public interface Authorizer {
  void authorize(Caller caller, String service, String operation, Struct input);
}
