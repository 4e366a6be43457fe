package dev.portcullis.policy;

import java.util.Objects;

/**
 * A statement's Principal or NotPrincipal element.
 *
 * @param negated true for NotPrincipal: the statement applies to every principal not named
 * @param principal the principals named
 */
public record PrincipalElement(boolean negated, Principal principal) {
  public PrincipalElement {
    Objects.requireNonNull(principal, "principal");
  }

  /** The element's name in a document. */
  public String elementName() {
    return negated ? "NotPrincipal" : "Principal";
  }
}
