package dev.portcullis.protocol.json;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ClientText;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.WireCodec;
import dev.portcullis.protocol.WireRequest;
import dev.portcullis.protocol.WireResponse;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;

/**
 * The AWS JSON protocol (awsJson1_1): a POST whose {@code X-Amz-Target} header is the model's
 * target prefix, a dot and the operation name, with a JSON body; answered with
 * {@code application/x-amz-json-1.1}.
 */
public final class JsonCodec implements WireCodec {
  public static final String TARGET_HEADER = "x-amz-target";
  private final ServiceModel model;
  private final String contentType;
  private final JsonDecoder decoder;
  private final JsonEncoder encoder;

  public JsonCodec(ServiceModel model) {
    this.model = model;
    String version = model.jsonVersion() == null ? "1.1" : model.jsonVersion();
    this.contentType = "application/x-amz-json-" + version;
    this.decoder = new JsonDecoder(model);
    this.encoder = new JsonEncoder(model);
  }

  /** Whether {@code target} (an X-Amz-Target value) names an operation of this model's. */
  public static boolean targets(ServiceModel model, String target) {
    return target != null && model.targetPrefix() != null
        && target.startsWith(model.targetPrefix() + ".");
  }

  @Override
  public Operation operation(WireRequest request) {
    String target = request.header(TARGET_HEADER);
    if (target == null || target.isEmpty()) {
      throw new AwsException(JsonErrors.UNKNOWN_OPERATION,
          "Missing the X-Amz-Target header naming the operation");
    }
    String name = targets(model, target)
        ? target.substring(model.targetPrefix().length() + 1) : null;
    return (name == null ? java.util.Optional.<Operation>empty() : model.operation(name))
        .orElseThrow(() -> AwsException.of(JsonErrors.UNKNOWN_OPERATION,
            "Unknown operation %s", ClientText.sanitize(target)));
  }

  @Override
  public Struct decode(Operation op, WireRequest request) {
    return decoder.decode(op.input(), request.body());
  }

  @Override
  public WireResponse response(Operation op, Struct output, String requestId) {
    return new WireResponse(200, contentType, encoder.response(op, output));
  }

  @Override
  public WireResponse error(AwsException e, String requestId) {
    ErrorCode code = JsonErrors.translate(e.code());
    return new WireResponse(code.httpStatus(), contentType, JsonEncoder.error(code, e));
  }
}
