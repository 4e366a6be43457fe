package dev.portcullis.server;

import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.query.QueryDecoder;
import dev.portcullis.protocol.query.XmlEncoder;
import java.util.Set;

/** One AWS service served on the shared endpoint: its model, codec and handlers. */
public record ServiceEndpoint(ServiceModel model, QueryDecoder decoder, XmlEncoder encoder,
    OperationRegistry registry) {

  public static ServiceEndpoint of(ServiceModel model, Set<String> urlEncodedShapes,
      OperationRegistry registry) {
    return new ServiceEndpoint(model, new QueryDecoder(model),
        new XmlEncoder(model, urlEncodedShapes), registry);
  }

  /** The SigV4 signing name, which is also the endpoint prefix. */
  public String signingName() {
    return model.endpointPrefix();
  }
}
