package dev.portcullis.policy.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One case of the decision corpus: policies by type, a request, and the expected decision. The
 * format is described in {@code decision-corpus/README.md}.
 */
record CorpusCase(String name, EvaluationInput input, Expectation expect) {

  /** What the case expects; absent parts are not checked. */
  record Expectation(
      Decision decision,
      Optional<String> decidedBy,
      Optional<Set<String>> statements,
      Optional<Set<String>> missingContextKeys) {}

  static CorpusCase read(JsonNode node) {
    String name = node.path("name").asText();
    JsonNode policies = node.path("policies");
    EvaluationInput.Builder input = EvaluationInput.builder(request(node.path("request")));
    named(policies.path("identity"), PolicyKind.IDENTITY).forEach(input::identityPolicy);
    named(policies.path("boundary"), PolicyKind.IDENTITY).forEach(input::permissionsBoundary);
    named(policies.path("session"), PolicyKind.IDENTITY).forEach(input::sessionPolicy);
    for (JsonNode level : policies.path("scp")) {
      input.serviceControlPolicyLevel(named(level, PolicyKind.IDENTITY));
    }
    JsonNode resource = policies.path("resource");
    if (!resource.isMissingNode()) {
      boolean trust = resource.path("trust").asBoolean(false);
      CompiledPolicy policy =
          compile(
              resource.path("label").asText("resource"),
              resource.path("document"),
              trust ? PolicyKind.TRUST : PolicyKind.RESOURCE);
      Optional<String> account = Optional.ofNullable(resource.path("account").textValue());
      input.resourcePolicy(new ResourcePolicy(policy, account, trust));
    }
    return new CorpusCase(name, input.build(), expectation(node.path("expect")));
  }

  private static List<CompiledPolicy> named(JsonNode byLabel, PolicyKind kind) {
    List<CompiledPolicy> policies = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : byLabel.properties()) {
      policies.add(compile(entry.getKey(), entry.getValue(), kind));
    }
    return policies;
  }

  private static CompiledPolicy compile(String label, JsonNode document, PolicyKind kind) {
    ParseResult result = PolicyParser.parse(document.toString(), kind);
    if (result instanceof ParseResult.Malformed) {
      ParseResult.Malformed malformed = (ParseResult.Malformed) result;
      throw new IllegalArgumentException(
          "policy "
              + label
              + " is malformed: "
              + malformed.message()
              + " ("
              + malformed.detail()
              + ")");
    }
    return CompiledPolicy.compile(((ParseResult.Parsed) result).document(), label);
  }

  private static RequestContext request(JsonNode node) {
    RequestContext.Builder builder = RequestContext.builder(principal(node.path("principal")));
    builder.action(node.path("action").asText());
    builder.resource(node.path("resource").asText("*"));
    for (Map.Entry<String, JsonNode> entry : node.path("context").properties()) {
      builder.contextKey(entry.getKey(), strings(entry.getValue()));
    }
    return builder.build();
  }

  private static RequestPrincipal principal(JsonNode node) {
    String type = node.path("type").asText();
    switch (type) {
      case "user":
        return RequestPrincipal.user(node.path("arn").asText());
      case "root":
        return RequestPrincipal.root(node.path("account").asText());
      case "assumed-role":
        return RequestPrincipal.assumedRole(node.path("arn").asText(), node.path("role").asText());
      case "federated-user":
        return RequestPrincipal.federatedUser(
            node.path("arn").asText(), node.path("user").asText());
      case "service":
        return RequestPrincipal.service(node.path("name").asText());
      case "web-identity":
        return RequestPrincipal.webIdentity(node.path("provider").asText());
      case "saml":
        return RequestPrincipal.saml(node.path("provider").asText());
      case "anonymous":
        return RequestPrincipal.anonymous();
      default:
        throw new IllegalArgumentException("unknown principal type " + type);
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else {
      values.add(node.asText());
    }
    return values;
  }

  private static Expectation expectation(JsonNode node) {
    Decision decision = Decision.valueOf(node.path("decision").asText());
    Optional<String> decidedBy = Optional.ofNullable(node.path("decidedBy").textValue());
    return new Expectation(
        decision, decidedBy, set(node.get("statements")), set(node.get("missingContextKeys")));
  }

  private static Optional<Set<String>> set(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    Set<String> values = new LinkedHashSet<>();
    node.forEach(value -> values.add(value.asText()));
    return Optional.of(values);
  }
}
