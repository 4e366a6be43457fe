package dev.portcullis.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks that follow syntax, in the order AWS reports them: the first failing check decides the
 * message, whichever statement it concerns.
 */
final class PolicyValidator {
  private static final Pattern ALPHANUMERIC = Pattern.compile("[0-9A-Za-z]*");

  private final PolicyDocument document;
  private final PolicyKind kind;

  private PolicyValidator(PolicyDocument document, PolicyKind kind) {
    this.document = document;
    this.kind = kind;
  }

  /** Throws {@link MalformedPolicyException} for the first problem AWS would report. */
  static void validate(DocumentReader.Reading reading, PolicyKind kind) {
    PolicyValidator validator = new PolicyValidator(reading.document(), kind);
    // AWS answers CreateRole with "Has prohibited field Resource" even when the statement also
    // lacks a Principal (kubernetes-sigs/external-dns#3085 quotes it), so placement of Resource
    // is checked first.
    validator.checkResourcePlacement();
    validator.checkPrincipalPlacement();
    validator.checkVersion();
    if (!reading.legacyProblems().isEmpty()) {
      throw new MalformedPolicyException(
          PolicyErrors.LEGACY_PARSING, reading.legacyProblems().get(0));
    }
    validator.checkLegacyResources();
    validator.checkSids();
    validator.checkActionsPresent();
    validator.checkResourcesPresent();
    validator.checkResourceFormats();
    validator.checkActionFormats();
    validator.checkPrincipalValues();
    if (kind == PolicyKind.TRUST) {
      validator.checkTrustActions();
    }
  }

  private void checkPrincipalPlacement() {
    forEachStatement(
        (statement, path) -> {
          Optional<PrincipalElement> principal = statement.principal();
          if (kind.isIdentity() && principal.isPresent()) {
            fail(
                PolicyErrors.PRINCIPAL_NOT_ALLOWED, path + " has " + principal.get().elementName());
          }
          if (kind == PolicyKind.TRUST && principal.filter(PrincipalElement::negated).isPresent()) {
            fail(PolicyErrors.prohibitedField("NotPrincipal"), path + " has NotPrincipal");
          }
          if (!kind.isIdentity() && principal.isEmpty()) {
            fail(PolicyErrors.MISSING_PRINCIPAL, path + " has no Principal");
          }
        });
  }

  private void checkResourcePlacement() {
    if (kind != PolicyKind.TRUST) {
      return;
    }
    forEachStatement(
        (statement, path) ->
            statement
                .resources()
                .ifPresent(
                    resources ->
                        fail(
                            PolicyErrors.prohibitedField(resources.elementName()),
                            path + " has " + resources.elementName())));
  }

  private void checkVersion() {
    if (kind == PolicyKind.MANAGED && document.version() != PolicyVersion.V2012_10_17) {
      fail(
          PolicyErrors.VERSION_TOO_OLD,
          document.declaredVersion().map(v -> "Version is " + v.text()).orElse("no Version"));
    }
  }

  /**
   * Resources the legacy parser rejects. AWS stops looking for them at the first statement with a
   * resource it reports otherwise (a bad partition, say), whose message then wins later on.
   */
  private void checkLegacyResources() {
    List<Statement> statements = document.statements();
    for (int i = 0; i < statements.size(); i++) {
      Optional<ResourceElement> element = statements.get(i).resources();
      if (element.isEmpty()) {
        continue;
      }
      List<String> resources = element.get().resources();
      if (resources.stream().anyMatch(r -> ResourceFormat.problem(r).isPresent())) {
        return;
      }
      for (String resource : resources) {
        if (ResourceFormat.failsLegacyParsing(resource)) {
          fail(
              PolicyErrors.LEGACY_PARSING,
              "Statement[" + i + "]." + element.get().elementName() + " " + resource);
        }
      }
    }
  }

  private void checkSids() {
    Set<String> seen = new HashSet<>();
    forEachStatement(
        (statement, path) ->
            statement
                .sid()
                .filter(sid -> !sid.isEmpty())
                .ifPresent(
                    sid -> {
                      if (!seen.add(sid)) {
                        fail(PolicyErrors.DUPLICATE_SID, path + " repeats Sid " + sid);
                      }
                    }));
    if (!kind.requiresAlphanumericSid()) {
      return;
    }
    forEachStatement(
        (statement, path) ->
            statement
                .sid()
                .filter(sid -> !ALPHANUMERIC.matcher(sid).matches())
                .ifPresent(
                    sid -> fail(PolicyErrors.SID_NOT_ALPHANUMERIC, path + ".Sid is " + sid)));
  }

  private void checkActionsPresent() {
    forEachStatement(
        (statement, path) -> {
          if (statement.actions().actions().isEmpty()) {
            fail(PolicyErrors.MISSING_ACTIONS, path + " has no actions");
          }
        });
  }

  private void checkResourcesPresent() {
    if (kind == PolicyKind.TRUST) {
      return;
    }
    forEachStatement(
        (statement, path) -> {
          if (statement.resources().map(r -> r.resources().isEmpty()).orElse(true)) {
            fail(PolicyErrors.MISSING_RESOURCES, path + " has no resources");
          }
        });
  }

  private void checkResourceFormats() {
    forEachStatement(
        (statement, path) ->
            statement
                .resources()
                .ifPresent(
                    element -> {
                      for (String resource : element.resources()) {
                        ResourceFormat.problem(resource)
                            .ifPresent(
                                message ->
                                    fail(
                                        message,
                                        path + "." + element.elementName() + " " + resource));
                      }
                    }));
  }

  private void checkActionFormats() {
    forEachStatement(
        (statement, path) -> {
          ActionElement element = statement.actions();
          for (String action : element.actions()) {
            ActionFormat.actionProblem(action)
                .ifPresent(
                    message -> fail(message, path + "." + element.elementName() + " " + action));
          }
        });
  }

  private void checkPrincipalValues() {
    forEachStatement(
        (statement, path) -> {
          if (statement.principal().isEmpty()
              || !(statement.principal().get().principal() instanceof Principal.Named)) {
            return;
          }
          Principal.Named named = (Principal.Named) statement.principal().get().principal();
          if (named.isEmpty()) {
            fail(PolicyErrors.NO_PRINCIPALS, path + " names no principal");
          }
          for (Map.Entry<PrincipalType, List<String>> entry : named.values().entrySet()) {
            for (String value : entry.getValue()) {
              PrincipalFormat.problem(entry.getKey(), value)
                  .ifPresent(
                      message ->
                          fail(message, path + " principal " + entry.getKey().key() + " " + value));
            }
          }
        });
  }

  private void checkTrustActions() {
    forEachStatement(
        (statement, path) -> {
          for (String action : statement.actions().actions()) {
            if (!TrustActions.isRoleAssumption(action)) {
              fail(PolicyErrors.TRUST_ACTIONS_NOT_STS, path + " has action " + action);
            }
          }
        });
  }

  private interface StatementCheck {
    void check(Statement statement, String path);
  }

  private void forEachStatement(StatementCheck check) {
    List<Statement> statements = document.statements();
    for (int i = 0; i < statements.size(); i++) {
      check.check(statements.get(i), "Statement[" + i + "]");
    }
  }

  private static void fail(String message, String detail) {
    throw new MalformedPolicyException(message, detail);
  }
}
