package dev.portcullis.server;

import dev.portcullis.server.http.FrontDoor;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code GET /health}: 200 while the server answers requests, for load balancers and container
 * probes. Unauthenticated, as AWS's own health checks are, so it says nothing but that; not an
 * operation, so no audit event, and left out of the access log, which probes would flood.
 */
final class HealthEndpoint implements FrontDoor {
  static final String PATH = "/health";
  private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  @Override
  public boolean serves(RawRequest request) {
    return PATH.equals(request.rawPath()) && "GET".equals(request.method());
  }

  @Override
  public Answered answer(RawRequest request) {
    return new Answered(new RawResponse(200, "application/json", OK.clone(),
        UUID.randomUUID().toString()), null, null, null);
  }
}
