package dev.portcullis.server;

import dev.portcullis.server.http.FrontDoor;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The first stage of every request: picks the front door that serves it (the API answers
 * whatever no other door does) and writes the request's one access-log line.
 */
final class Router implements Function<RawRequest, RawResponse> {
  private final List<FrontDoor> doors;
  private final FrontDoor api;
  private final AccessLog accessLog;

  Router(List<FrontDoor> doors, FrontDoor api, AccessLog accessLog) {
    this.doors = List.copyOf(doors);
    this.api = api;
    this.accessLog = accessLog;
  }

  @Override
  public RawResponse apply(RawRequest request) {
    long start = System.nanoTime();
    FrontDoor door = doors.stream().filter(d -> d.serves(request)).findFirst().orElse(api);
    FrontDoor.Answered answered = door.answer(request);
    if (answered.door() != null) {
      RawResponse response = answered.response();
      accessLog.log(Instant.now() + " access " + request.remoteAddress() + " " + answered.door()
          + " " + AccessLog.field(answered.subject()) + " " + response.status() + " "
          + answered.details() + " " + (System.nanoTime() - start) / 1000 + "us req="
          + response.requestId());
    }
    return answered.response();
  }
}
