package dev.portcullis.server;

import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.server.http.EdgeRefusals;
import dev.portcullis.server.http.FrontDoor;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The first stage of every request: picks the front door that serves it (the API answers
 * whatever no other door does) and writes the request's one access-log line. Requests the edge
 * refuses before any door sees them are the API's to record.
 */
final class Router implements Function<RawRequest, RawResponse>, EdgeRefusals {
  private final List<FrontDoor> doors;
  private final RequestPipeline api;
  private final AccessLog accessLog;

  Router(List<FrontDoor> doors, RequestPipeline api, AccessLog accessLog) {
    this.doors = List.copyOf(doors);
    this.api = api;
    this.accessLog = accessLog;
  }

  @Override
  public RawResponse apply(RawRequest request) {
    long start = System.nanoTime();
    FrontDoor door = doors.stream().filter(d -> d.serves(request)).findFirst().orElse(api);
    return logged(request, door.answer(request), start).response();
  }

  @Override
  public RawResponse refused(RawRequest request, ErrorCode code, String message) {
    return logged(request, api.refused(request, code, message), System.nanoTime()).response();
  }

  private FrontDoor.Answered logged(RawRequest request, FrontDoor.Answered answered,
      long start) {
    if (answered.door() != null) {
      RawResponse response = answered.response();
      accessLog.log(Instant.now() + " access " + request.remoteAddress() + " " + answered.door()
          + " " + AccessLog.field(answered.subject()) + " " + response.status() + " "
          + answered.details() + " " + (System.nanoTime() - start) / 1000 + "us req="
          + response.requestId());
    }
    return answered;
  }
}
