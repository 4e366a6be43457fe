package dev.portcullis.policy;

import java.util.List;

/**
 * A statement's Action or NotAction element.
 *
 * @param negated true for NotAction: the statement applies to every action not listed
 * @param actions the action patterns, such as {@code s3:Get*} or {@code *}
 */
public record ActionElement(boolean negated, List<String> actions) {
  public ActionElement {
    actions = List.copyOf(actions);
  }

  /** The element's name in a document. */
  public String elementName() {
    return negated ? "NotAction" : "Action";
  }
}
