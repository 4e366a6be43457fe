package dev.portcullis.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed policy document.
 *
 * @param declaredVersion the Version element, if the document has one
 * @param id the Id element, if the document has one
 * @param statements the statements, in document order; never empty
 */
public record PolicyDocument(
    Optional<PolicyVersion> declaredVersion, Optional<String> id, List<Statement> statements) {

  public PolicyDocument {
    Objects.requireNonNull(declaredVersion, "declaredVersion");
    Objects.requireNonNull(id, "id");
    statements = List.copyOf(statements);
  }

  /** The language version the document is evaluated with: 2008-10-17 when none is declared. */
  public PolicyVersion version() {
    return declaredVersion.orElse(PolicyVersion.V2008_10_17);
  }
}
