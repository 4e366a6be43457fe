package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.Effect;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one evaluation has found so far: the statements that applied, whether any of them denies,
 * and the condition keys the request lacked. One is made per evaluation; it stays small.
 */
final class EvaluationState {
  private final RequestContext request;
  private final boolean hasPermissionsBoundary;
  private final int serviceId;
  private MatchedStatement[] matches;
  private int matchCount;
  private int denyCount;
  private Set<String> missingKeys;

  EvaluationState(RequestContext request, boolean hasPermissionsBoundary) {
    this.request = request;
    this.hasPermissionsBoundary = hasPermissionsBoundary;
    this.serviceId = ServiceIds.idOf(request.service());
  }

  RequestContext request() {
    return request;
  }

  /** The id of the action's service, for {@link ActionIndex}. */
  int serviceId() {
    return serviceId;
  }

  /** Whether the principal has a permissions boundary, which changes how NotPrincipal applies. */
  boolean hasPermissionsBoundary() {
    return hasPermissionsBoundary;
  }

  void missingKey(String key) {
    if (missingKeys == null) {
      missingKeys = new LinkedHashSet<>();
    }
    missingKeys.add(key);
  }

  void matched(MatchedStatement statement) {
    if (matches == null) {
      matches = new MatchedStatement[8];
    } else if (matchCount == matches.length) {
      matches = Arrays.copyOf(matches, matchCount * 2);
    }
    matches[matchCount++] = statement;
    if (statement.effect() == Effect.DENY) {
      denyCount++;
    }
  }

  boolean denied() {
    return denyCount > 0;
  }

  /** The type of the first Deny found. */
  PolicyType firstDenyType() {
    for (int i = 0; i < matchCount; i++) {
      if (matches[i].effect() == Effect.DENY) {
        return matches[i].policyType();
      }
    }
    throw new IllegalStateException("no Deny applied");
  }

  /** The matched statements of one effect, in the order they were found. */
  List<MatchedStatement> statements(Effect effect) {
    int count = effect == Effect.DENY ? denyCount : matchCount - denyCount;
    if (count == 0) {
      return List.of();
    }
    MatchedStatement[] selected = new MatchedStatement[count];
    int n = 0;
    for (int i = 0; i < matchCount; i++) {
      if (matches[i].effect() == effect) {
        selected[n++] = matches[i];
      }
    }
    return Collections.unmodifiableList(Arrays.asList(selected));
  }

  Set<String> missingKeys() {
    return missingKeys == null ? Set.of() : Collections.unmodifiableSet(missingKeys);
  }
}
