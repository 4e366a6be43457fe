package dev.portcullis.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.authz.AuthorizationMessages;
import dev.portcullis.policy.evaluation.PolicyType;
import dev.portcullis.protocol.AwsException;
import java.util.Optional;

/**
 * Says why a console action was denied, from the same evaluation trace that
 * DecodeAuthorizationMessage opens (the AccessDenied's encoded message). Only the decision and
 * the type of policy that decided are shown, which the AccessDenied message itself already
 * tells: never the statements or documents, which the caller may not be allowed to read.
 */
final class DenialExplanations {
  private static final String MARKER = "Encoded authorization failure message: ";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AuthorizationMessages messages;

  DenialExplanations(AuthorizationMessages messages) {
    this.messages = messages;
  }

  /** The explanation of {@code denied} for a caller of {@code accountId}. */
  String explain(AwsException denied, String accountId) {
    String m = denied.getMessage() == null ? "" : denied.getMessage();
    int at = m.indexOf(MARKER);
    Optional<JsonNode> trace = at < 0 ? Optional.empty()
        : messages.decode(m.substring(at + MARKER.length()).trim(), accountId).flatMap(
            DenialExplanations::parse);
    if (trace.isEmpty()) {
      return "No policy allows this action for you.";
    }
    JsonNode t = trace.get();
    PolicyType type = policyType(t.path("decidedBy").asText(null));
    if (t.path("explicitDeny").asBoolean(false)) {
      return "Denied by an explicit Deny statement in " + article(type) + ".";
    }
    return type == PolicyType.IDENTITY_BASED
        ? "No identity-based policy (of yours or your groups) allows this action."
        : "Your identity-based policies allow it, but no " + type.description()
            + " allows this action.";
  }

  private static Optional<JsonNode> parse(String json) {
    try {
      return Optional.of(JSON.readTree(json));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static PolicyType policyType(String name) {
    if (name == null) {
      return PolicyType.IDENTITY_BASED;
    }
    try {
      return PolicyType.valueOf(name);
    } catch (IllegalArgumentException e) {
      return PolicyType.IDENTITY_BASED;
    }
  }

  private static String article(PolicyType type) {
    return (type == PolicyType.IDENTITY_BASED ? "an " : "a ") + type.description();
  }
}
