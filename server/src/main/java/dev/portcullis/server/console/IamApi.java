package dev.portcullis.server.console;

import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.protocol.WireCodec;
import dev.portcullis.protocol.model.ServiceModel;

/**
 * The IAM API as the console calls it: the service model, its Query codec (which decodes and
 * validates a form's fields exactly as an API request's) and the operation handlers.
 */
public record IamApi(ServiceModel model, WireCodec codec, OperationRegistry registry) {
  static final String SIGNING_NAME = "iam";
}
