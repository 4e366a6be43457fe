package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads one statement object into a {@link Statement}; see {@link DocumentReader}. */
final class StatementReader {
  private static final Set<String> FIELDS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");

  private StatementReader() {}

  static Statement read(JsonNode node, String path, List<String> legacyProblems) {
    JsonValues.requireKnownFields(node, FIELDS, path);
    requireAtMostOne(node, "Principal", "NotPrincipal", path);
    requireAtMostOne(node, "Action", "NotAction", path);
    requireAtMostOne(node, "Resource", "NotResource", path);

    Optional<String> sid = Optional.empty();
    if (node.has("Sid")) {
      sid = Optional.of(JsonValues.string(node.get("Sid"), path + ".Sid"));
    }
    Effect effect = readEffect(node.get("Effect"), path + ".Effect", legacyProblems);
    Optional<PrincipalElement> principal = Optional.empty();
    if (node.has("Principal")) {
      principal = Optional.of(PrincipalReader.read(node.get("Principal"), false, path));
    } else if (node.has("NotPrincipal")) {
      principal = Optional.of(PrincipalReader.read(node.get("NotPrincipal"), true, path));
    }
    ActionElement actions = readActions(node, path);
    Optional<ResourceElement> resources = readResources(node, path);
    List<Condition> conditions = List.of();
    if (node.has("Condition")) {
      conditions = ConditionReader.read(node.get("Condition"), path + ".Condition", legacyProblems);
    }
    return new Statement(sid, effect, principal, actions, resources, conditions);
  }

  private static void requireAtMostOne(JsonNode node, String one, String other, String path) {
    if (node.has(one) && node.has(other)) {
      throw MalformedPolicyException.syntax(path + " has both " + one + " and " + other);
    }
  }

  /**
   * AWS reads Effect case-insensitively as a syntax matter but its legacy parser then demands
   * exactly Allow or Deny, so {@code "allow"} fails legacy parsing.
   */
  private static Effect readEffect(JsonNode node, String path, List<String> legacyProblems) {
    if (node == null) {
      throw MalformedPolicyException.syntax("missing required field Effect in " + parent(path));
    }
    String text = JsonValues.string(node, path);
    for (Effect effect : Effect.values()) {
      if (effect.text().equals(text)) {
        return effect;
      }
      if (effect.text().equalsIgnoreCase(text)) {
        legacyProblems.add(path + " must be written " + effect.text() + ", not " + text);
        return effect;
      }
    }
    throw MalformedPolicyException.syntax(path + " must be Allow or Deny, not " + text);
  }

  /** A missing Action reads as an empty one: both are reported as a statement without actions. */
  private static ActionElement readActions(JsonNode node, String path) {
    if (node.has("NotAction")) {
      return new ActionElement(
          true, JsonValues.stringOrStrings(node.get("NotAction"), path + ".NotAction"));
    }
    if (node.has("Action")) {
      return new ActionElement(
          false, JsonValues.stringOrStrings(node.get("Action"), path + ".Action"));
    }
    return new ActionElement(false, List.of());
  }

  private static Optional<ResourceElement> readResources(JsonNode node, String path) {
    if (node.has("NotResource")) {
      return Optional.of(
          new ResourceElement(
              true, JsonValues.stringOrStrings(node.get("NotResource"), path + ".NotResource")));
    }
    if (node.has("Resource")) {
      return Optional.of(
          new ResourceElement(
              false, JsonValues.stringOrStrings(node.get("Resource"), path + ".Resource")));
    }
    return Optional.empty();
  }

  private static String parent(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }
}
