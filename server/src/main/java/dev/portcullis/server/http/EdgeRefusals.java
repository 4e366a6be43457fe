package dev.portcullis.server.http;

import dev.portcullis.protocol.ErrorCode;
import java.util.UUID;

/**
 * Told of every request the edge answers itself, before any front door sees it: a body that
 * does not arrive in time (RequestTimeout) or that finds the body budget spent
 * (ServiceUnavailable). A refused call is a call all the same, and is recorded like one.
 */
@FunctionalInterface
public interface EdgeRefusals {
  /**
   * Records the refusal of {@code request} (its headers and query; the body was not read) and
   * returns the request id to answer with.
   */
  String refused(RawRequest request, ErrorCode code, String message);

  /** Records nothing (a bare edge, as in tests of the edge alone). */
  EdgeRefusals UNRECORDED = (request, code, message) -> UUID.randomUUID().toString();
}
