package dev.portcullis.server.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Keeps the body of the last response an SDK client received, for the differences the SDK's
 * typed objects hide (an absent list and an empty one both read as empty).
 */
public final class RawResponses implements ExecutionInterceptor {
  private volatile String last = "";

  /** The last response body, as the server sent it. */
  public String last() {
    return last;
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
      ExecutionAttributes attributes) {
    return context.responseBody().map(in -> {
      try (in) {
        byte[] body = in.readAllBytes();
        last = new String(body, StandardCharsets.UTF_8);
        return new ByteArrayInputStream(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
