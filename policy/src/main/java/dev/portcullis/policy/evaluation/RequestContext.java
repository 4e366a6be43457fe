package dev.portcullis.policy.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request to authorize: who asks, for which action on which resource, and the condition keys
 * AWS would put in its request context. Condition keys are looked up case-insensitively, as AWS
 * does; their values are strings, several for a multivalued key such as {@code aws:TagKeys}.
 *
 * <p>The builder adds {@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code
 * aws:PrincipalType} and, for an IAM user, {@code aws:username} from the principal unless they are
 * given, or only those named by {@link Builder#deriveOnly}. A key given with no values is treated
 * as absent.
 */
public final class RequestContext {
  private final RequestPrincipal principal;
  private final String action;
  private final String actionLower;
  private final String service;
  private final String resource;
  private final Map<String, List<String>> keys;
  private final Map<String, List<String>> byLowerKey;

  private RequestContext(Builder builder) {
    this.principal = Objects.requireNonNull(builder.principal, "principal");
    this.action = Objects.requireNonNull(builder.action, "action");
    this.resource = Objects.requireNonNull(builder.resource, "resource");
    this.actionLower = action.toLowerCase(Locale.ROOT);
    int colon = actionLower.indexOf(':');
    this.service = colon < 0 ? "" : actionLower.substring(0, colon);
    Map<String, List<String>> all = new LinkedHashMap<>(builder.keys);
    derivePrincipalKeys(all, builder.derived);
    this.keys = Collections.unmodifiableMap(all);
    this.byLowerKey = new HashMap<>();
    all.forEach((key, values) -> byLowerKey.putIfAbsent(key.toLowerCase(Locale.ROOT), values));
  }

  /** A builder for a request by {@code principal}. */
  public static Builder builder(RequestPrincipal principal) {
    return new Builder(principal);
  }

  /** The principal making the request. */
  public RequestPrincipal principal() {
    return principal;
  }

  /** The action, such as {@code iam:GetUser}, as given. */
  public String action() {
    return action;
  }

  /** The resource ARN, or {@code *} for an action that takes no resource. */
  public String resource() {
    return resource;
  }

  /** Every condition key of the request with its values, as given or derived. */
  public Map<String, List<String>> contextKeys() {
    return keys;
  }

  /** The values of the condition key {@code key}, whatever its case; empty when absent. */
  public List<String> values(String key) {
    List<String> values = byLowerKey.get(key.toLowerCase(Locale.ROOT));
    return values == null ? List.of() : values;
  }

  String actionLower() {
    return actionLower;
  }

  /** The lower-cased service prefix of the action, such as {@code iam}. */
  String service() {
    return service;
  }

  /** The values of a key already lower-cased, or null when absent. */
  List<String> valuesOfLowerKey(String lowerKey) {
    return byLowerKey.get(lowerKey);
  }

  /** The single value of a lower-cased key for a policy variable; null if absent or multivalued. */
  String singleValueOfLowerKey(String lowerKey) {
    List<String> values = byLowerKey.get(lowerKey);
    return values == null || values.size() != 1 ? null : values.get(0);
  }

  private void derivePrincipalKeys(Map<String, List<String>> all, Set<String> derived) {
    putIfAbsent(all, derived, "aws:PrincipalArn", principal.principalArn());
    putIfAbsent(all, derived, "aws:PrincipalAccount", principal.account());
    putIfAbsent(all, derived, "aws:PrincipalType", principal.kind().principalType());
    if (principal.kind() == RequestPrincipal.Kind.USER) {
      String arn = principal.arn();
      putIfAbsent(all, derived, "aws:username", arn.substring(arn.lastIndexOf('/') + 1));
    }
  }

  private static void putIfAbsent(Map<String, List<String>> all, Set<String> derived,
      String key, String value) {
    if (value.isEmpty() || (derived != null && !derived.contains(key))) {
      return;
    }
    for (String present : all.keySet()) {
      if (present.equalsIgnoreCase(key)) {
        return;
      }
    }
    all.put(key, List.of(value));
  }

  /** Builds a {@link RequestContext}. */
  public static final class Builder {
    private final RequestPrincipal principal;
    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private String action;
    private String resource = "*";
    private Set<String> derived;

    private Builder(RequestPrincipal principal) {
      this.principal = principal;
    }

    /**
     * Derives from the principal only {@code keys} (of aws:PrincipalArn, aws:PrincipalAccount,
     * aws:PrincipalType, aws:username); none when empty. A simulation uses this: it evaluates
     * only the keys it is given.
     */
    public Builder deriveOnly(String... keys) {
      this.derived = Set.of(keys);
      return this;
    }

    /** The action, such as {@code s3:GetObject}; matched case-insensitively. */
    public Builder action(String action) {
      this.action = action;
      return this;
    }

    /** The resource ARN; {@code *} (the default) for actions without a resource. */
    public Builder resource(String resource) {
      this.resource = resource;
      return this;
    }

    /** Sets a condition key's values; no values leaves the key absent. */
    public Builder contextKey(String key, List<String> values) {
      List<String> copy = List.copyOf(values);
      if (copy.isEmpty()) {
        keys.remove(key);
      } else {
        keys.put(key, copy);
      }
      return this;
    }

    /** Sets a condition key's values. */
    public Builder contextKey(String key, String... values) {
      return contextKey(key, List.of(values));
    }

    /** Sets every key of {@code context}. */
    public Builder contextKeys(Map<String, List<String>> context) {
      context.forEach(this::contextKey);
      return this;
    }

    public RequestContext build() {
      return new RequestContext(this);
    }
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    keys.forEach((k, v) -> parts.add(k + "=" + v));
    return principal.arn() + " " + action + " " + resource + " " + parts;
  }
}
