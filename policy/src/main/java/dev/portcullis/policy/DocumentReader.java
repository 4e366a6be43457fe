package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a policy document's JSON into the syntax tree, rejecting anything outside the policy
 * grammar with {@link PolicyErrors#SYNTAX}. Values IAM's older parser rejects are collected as
 * legacy problems, because AWS reports a syntax error anywhere in a document before them.
 */
final class DocumentReader {
  private static final Set<String> TOP_LEVEL_FIELDS = Set.of("Version", "Id", "Statement");

  private final List<String> legacyProblems = new ArrayList<>();

  /** A document that follows the grammar, and what the legacy parser would reject in it. */
  record Reading(PolicyDocument document, List<String> legacyProblems) {
    Reading {
      legacyProblems = List.copyOf(legacyProblems);
    }
  }

  private DocumentReader() {}

  static Reading read(String json) {
    return new DocumentReader().readDocument(JsonValues.readObject(json));
  }

  private Reading readDocument(JsonNode root) {
    JsonValues.requireKnownFields(root, TOP_LEVEL_FIELDS, "");
    Optional<PolicyVersion> version = Optional.empty();
    if (root.has("Version")) {
      String text = JsonValues.string(root.get("Version"), "Version");
      version = PolicyVersion.fromText(text);
      if (version.isEmpty()) {
        throw MalformedPolicyException.syntax("unknown Version " + text);
      }
    }
    Optional<String> id = Optional.empty();
    if (root.has("Id")) {
      id = Optional.of(JsonValues.string(root.get("Id"), "Id"));
    }
    List<Statement> statements = readStatements(root.get("Statement"));
    return new Reading(new PolicyDocument(version, id, statements), legacyProblems);
  }

  private List<Statement> readStatements(JsonNode node) {
    if (node == null) {
      throw MalformedPolicyException.syntax("missing required field Statement");
    }
    if (node.isObject()) {
      return List.of(StatementReader.read(node, "Statement", legacyProblems));
    }
    if (!node.isArray()) {
      throw MalformedPolicyException.syntax("Statement must be an object or an array of objects");
    }
    if (node.isEmpty()) {
      throw MalformedPolicyException.syntax("Statement is empty");
    }
    List<Statement> statements = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      String path = "Statement[" + i + "]";
      JsonNode element = node.get(i);
      if (!element.isObject()) {
        throw MalformedPolicyException.syntax(path + " must be an object");
      }
      statements.add(StatementReader.read(element, path, legacyProblems));
    }
    return statements;
  }
}
