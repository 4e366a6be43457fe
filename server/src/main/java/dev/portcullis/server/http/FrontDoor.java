package dev.portcullis.server.http;


/**
 * One kind of request the server answers: the AWS API, a credential endpoint, health, later
 * the console. Every door that runs an operation does so through the core's {@code Invoker}.
 */
public interface FrontDoor {
  /** Whether this door answers {@code request} (the API answers whatever no other door does). */
  boolean serves(RawRequest request);

  /** The answer to {@code request}; never throws. */
  Answered answer(RawRequest request);

  /**
   * A door's answer and what the access log says of it.
   *
   * @param door the log's name for the door (the service's signing name, container-credentials),
   *     or null for requests the access log leaves out (health probes)
   * @param subject what was asked for: the action, the role; client text, escaped when logged
   * @param details further {@code name=value} fields, built from values the server made
   */
  record Answered(RawResponse response, String door, String subject, String details) {}
}
