package dev.portcullis.server.console;

import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.protocol.WireCodec;
import dev.portcullis.protocol.model.ServiceModel;

/**
 * A service as the console calls it (IAM, CloudTrail): its signing name, model, codec (which
 * decodes and validates a page's input exactly as an API request's) and operation handlers.
 */
public record ServiceApi(String signingName, ServiceModel model, WireCodec codec,
    OperationRegistry registry) {}
