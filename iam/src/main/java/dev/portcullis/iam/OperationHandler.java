package dev.portcullis.iam;

import dev.portcullis.protocol.Struct;

/** Carries out one API operation: decoded, validated input in, output structure out. */
@FunctionalInterface
public interface OperationHandler {
  Struct handle(Caller caller, Struct input);
}
