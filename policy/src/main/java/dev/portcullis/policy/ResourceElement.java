package dev.portcullis.policy;

import java.util.List;

/**
 * A statement's Resource or NotResource element.
 *
 * @param negated true for NotResource: the statement applies to every resource not listed
 * @param resources the resource patterns: ARNs, possibly with wildcards, or {@code *}
 */
public record ResourceElement(boolean negated, List<String> resources) {
  public ResourceElement {
    resources = List.copyOf(resources);
  }

  /** The element's name in a document. */
  public String elementName() {
    return negated ? "NotResource" : "Resource";
  }
}
