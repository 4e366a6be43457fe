package dev.portcullis.protocol;

import dev.portcullis.protocol.model.Operation;

/**
 * One AWS wire protocol for one service model: which operation a request names, its decoded
 * and validated input, and the encoding of outputs and errors. Every operation of the model
 * is served by the same codec; nothing is written per operation.
 */
public interface WireCodec {
  /** The operation the request names; an AwsException in this protocol's terms otherwise. */
  Operation operation(WireRequest request);

  /** The operation's input, validated against the model; AwsException on any violation. */
  Struct decode(Operation op, WireRequest request);

  /** The response of a successful call. */
  WireResponse response(Operation op, Struct output, String requestId);

  /** The error envelope of this protocol. */
  WireResponse error(AwsException e, String requestId);
}
