package dev.portcullis.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a policy document.
 *
 * @param sid the Sid element, if present
 * @param effect Allow or Deny
 * @param principal the Principal or NotPrincipal element; absent in identity policies
 * @param actions the Action or NotAction element; never empty in a parsed document
 * @param resources the Resource or NotResource element; absent in trust policies
 * @param conditions every operator and key of the Condition element, all of which must hold
 */
public record Statement(
    Optional<String> sid,
    Effect effect,
    Optional<PrincipalElement> principal,
    ActionElement actions,
    Optional<ResourceElement> resources,
    List<Condition> conditions) {

  public Statement {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(resources, "resources");
    conditions = List.copyOf(conditions);
  }
}
