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
}
