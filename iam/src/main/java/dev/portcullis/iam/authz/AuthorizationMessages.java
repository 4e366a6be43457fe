package dev.portcullis.iam.authz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.iam.Caller;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.policy.evaluation.Decision;
import dev.portcullis.policy.evaluation.EvaluationResult;
import dev.portcullis.policy.evaluation.MatchedStatement;
import dev.portcullis.policy.evaluation.RequestContext;
import java.util.Optional;

/**
 * The encoded authorization message of an AccessDenied: the evaluation trace (the request
 * context, every policy considered, the statements that applied, the keys that were missing)
 * as JSON, sealed with the server's master key so that only sts:DecodeAuthorizationMessage can
 * read it. The decoded JSON follows the fields AWS's decoded messages have (allowed,
 * explicitDeny, matchedStatements, failures, context) and adds Portcullis's own.
 */
public final class AuthorizationMessages {
  private static final String ASSOCIATED_DATA = "portcullis:authorization-message:";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SecretCipher cipher;

  public AuthorizationMessages(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** Seals the trace of one evaluation. */
  public String encode(Caller caller, CallerPermissions permissions, RequestContext request,
      Optional<AppliedPolicy> resourcePolicy, EvaluationResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("allowed", result.isAllowed());
    root.put("explicitDeny", result.decision() == Decision.EXPLICIT_DENY);
    root.put("decision", result.decision().name());
    result.decidedBy().ifPresent(t -> root.put("decidedBy", t.name()));
    ArrayNode matched = root.putObject("matchedStatements").putArray("items");
    for (MatchedStatement s : result.statements()) {
      ObjectNode item = matched.addObject();
      item.put("statementId", s.sid().orElse(""));
      item.put("statementIndex", s.statementIndex());
      item.put("effect", s.effect().name());
      item.put("policyType", s.policyType().name());
      item.put("policy", s.policyLabel());
    }
    ArrayNode failures = root.putObject("failures").putArray("items");
    result.missingContextKeys().forEach(k -> failures.addObject()
        .put("missingContextKey", k));
    ArrayNode policies = root.putArray("policiesConsidered");
    permissions.identity().forEach(p -> policy(policies, "IDENTITY_BASED", p));
    permissions.boundary().ifPresent(p -> policy(policies, "PERMISSIONS_BOUNDARY", p));
    permissions.session().forEach(p -> policy(policies, "SESSION_POLICY", p));
    resourcePolicy.ifPresent(p -> policy(policies, "RESOURCE_BASED", p));
    ObjectNode context = root.putObject("context");
    ObjectNode principal = context.putObject("principal");
    principal.put("id", caller.userId());
    caller.userBehind().ifPresent(name -> principal.put("name", name));
    principal.put("arn", caller.principalArn());
    context.put("action", request.action());
    context.put("resource", request.resource());
    ArrayNode conditions = context.putObject("conditions").putArray("items");
    request.contextKeys().forEach((key, values) -> {
      ObjectNode entry = conditions.addObject();
      entry.put("key", key);
      ArrayNode items = entry.putObject("values").putArray("items");
      values.forEach(v -> items.addObject().put("value", v));
    });
    return cipher.encrypt(root.toString(), ASSOCIATED_DATA + caller.accountId());
  }

  /**
   * The JSON trace of an encoded message; empty when it was not sealed by this server for a
   * request of {@code accountId} (so one account cannot read another's).
   */
  public Optional<String> decode(String encoded, String accountId) {
    try {
      return Optional.of(cipher.decrypt(encoded, ASSOCIATED_DATA + accountId));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void policy(ArrayNode out, String type, AppliedPolicy p) {
    ObjectNode node = out.addObject();
    node.put("policyType", type);
    node.put("source", p.source().wire());
    node.put("id", p.id());
    if (p.owner() != null) {
      node.put("owner", p.owner());
    }
  }
}
