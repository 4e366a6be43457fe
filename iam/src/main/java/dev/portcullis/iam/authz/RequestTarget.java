package dev.portcullis.iam.authz;

import java.util.Optional;

/**
 * The resource a request is authorized against.
 *
 * @param arn the resource ARN the policies' Resource elements are matched with, or {@code *}
 * @param description how IAM names the resource in an AccessDenied message: {@code user bob},
 *     {@code role admin}, {@code policy path /}, or the ARN
 * @param type the resource type, when the action has one
 * @param facts what is known of the resource when it exists
 */
public record RequestTarget(String arn, String description,
    Optional<ActionCatalog.ResourceType> type, Optional<ResourceFacts> facts) {

  static RequestTarget anyResource() {
    return new RequestTarget("*", "*", Optional.empty(), Optional.empty());
  }

  /** A request naming a resource that does not exist, which no policy can allow acting on. */
  static RequestTarget missing(String description) {
    return new RequestTarget("", description, Optional.empty(), Optional.empty());
  }

  /** Whether the request names no existing resource (see {@link #missing}). */
  boolean isMissing() {
    return arn.isEmpty();
  }
}
