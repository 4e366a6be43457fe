package dev.portcullis.protocol.query;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ClientText;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.WireCodec;
import dev.portcullis.protocol.WireRequest;
import dev.portcullis.protocol.WireResponse;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The Query protocol: {@code Action} and form parameters in, XML out. */
public final class QueryCodec implements WireCodec {
  private static final String XML = "text/xml";
  private final ServiceModel model;
  private final QueryDecoder decoder;
  private final XmlEncoder encoder;

  /** @param urlEncodedShapes see {@link XmlEncoder#XmlEncoder} */
  public QueryCodec(ServiceModel model, Set<String> urlEncodedShapes) {
    this.model = model;
    this.decoder = new QueryDecoder(model);
    this.encoder = new XmlEncoder(model, urlEncodedShapes);
  }

  @Override
  public Operation operation(WireRequest request) {
    String action = request.params().get("Action");
    String version = request.params().get("Version");
    if (action == null || action.isEmpty()) {
      throw new AwsException(ErrorCode.MISSING_ACTION, "Missing Action");
    }
    return model.operation(action).orElseThrow(() -> AwsException.of(
        ErrorCode.INVALID_ACTION, "Could not find operation %s for version %s",
        ClientText.sanitize(action),
        version == null ? model.apiVersion() : ClientText.sanitize(version)));
  }

  @Override
  public Struct decode(Operation op, WireRequest request) {
    return decoder.decode(op.input(), request.params());
  }

  @Override
  public WireResponse response(Operation op, Struct output, String requestId) {
    return new WireResponse(200, XML,
        encoder.response(op, output, requestId).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public WireResponse error(AwsException e, String requestId) {
    return new WireResponse(e.code().httpStatus(), XML,
        encoder.error(e, requestId).getBytes(StandardCharsets.UTF_8));
  }
}
