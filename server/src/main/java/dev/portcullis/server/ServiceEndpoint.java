package dev.portcullis.server;

import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.protocol.WireCodec;
import dev.portcullis.protocol.json.JsonCodec;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.query.QueryCodec;
import java.util.Set;

/** One AWS service served on the shared endpoint: its model, wire codec and handlers. */
public record ServiceEndpoint(ServiceModel model, WireCodec codec, OperationRegistry registry) {

  /** A Query-protocol service (IAM, STS). */
  public static ServiceEndpoint of(ServiceModel model, Set<String> urlEncodedShapes,
      OperationRegistry registry) {
    return new ServiceEndpoint(model, new QueryCodec(model, urlEncodedShapes), registry);
  }

  /** An AWS JSON protocol service (CloudTrail), told apart by its X-Amz-Target prefix. */
  public static ServiceEndpoint json(ServiceModel model, OperationRegistry registry) {
    return new ServiceEndpoint(model, new JsonCodec(model), registry);
  }

  /** The SigV4 signing name, which is also the endpoint prefix. */
  public String signingName() {
    return model.endpointPrefix();
  }
}
