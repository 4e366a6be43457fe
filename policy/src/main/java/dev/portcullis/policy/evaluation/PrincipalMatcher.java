package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.Principal;
import dev.portcullis.policy.PrincipalElement;
import dev.portcullis.policy.PrincipalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A compiled Principal or NotPrincipal element of a resource-based policy. A Principal tells how
 * directly it names the caller, which decides what its Allow is worth (see {@link Grant}).
 *
 * <p>NotPrincipal applies unless it names every identity the request is made under: the account,
 * the IAM user or role, and the session, as AWS may check each of them (so the account and role
 * must be listed along with a session). As AWS documents, a NotPrincipal Deny applies to any IAM
 * user or role that has a permissions boundary, whatever it names.
 */
final class PrincipalMatcher {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern ROOT_ARN = Pattern.compile("arn:[^:]+:iam::(\\d{12}):root");

  private final boolean negated;
  private final boolean deny;
  private final boolean anyone;
  private final String[] accounts;
  private final String[] arns;
  private final String[] services;
  private final String[] providers;

  PrincipalMatcher(PrincipalElement element, boolean deny) {
    this.negated = element.negated();
    this.deny = deny;
    List<String> accounts = new ArrayList<>();
    List<String> arns = new ArrayList<>();
    List<String> services = new ArrayList<>();
    List<String> providers = new ArrayList<>();
    boolean everyone = element.principal() instanceof Principal.Anyone;
    if (element.principal() instanceof Principal.Named) {
      Principal.Named named = (Principal.Named) element.principal();
      for (String value : named.valuesOf(PrincipalType.AWS)) {
        var root = ROOT_ARN.matcher(value);
        if (value.equals("*")) {
          everyone = true;
        } else if (ACCOUNT_ID.matcher(value).matches()) {
          accounts.add(value);
        } else if (root.matches()) {
          accounts.add(root.group(1));
        } else {
          arns.add(value);
        }
      }
      named.valuesOf(PrincipalType.SERVICE).forEach(s -> services.add(s.toLowerCase(Locale.ROOT)));
      providers.addAll(named.valuesOf(PrincipalType.FEDERATED));
    }
    this.anyone = everyone;
    this.accounts = accounts.toArray(new String[0]);
    this.arns = arns.toArray(new String[0]);
    this.services = services.toArray(new String[0]);
    this.providers = providers.toArray(new String[0]);
  }

  /** What the element grants the caller: {@link Grant#NONE} when the statement does not apply. */
  int grant(EvaluationState state) {
    RequestPrincipal caller = state.request().principal();
    if (negated) {
      return notPrincipalApplies(caller, state.hasPermissionsBoundary())
          ? Grant.DIRECT
          : Grant.NONE;
    }
    if (anyone) {
      return Grant.DIRECT;
    }
    switch (caller.kind()) {
      case ROOT:
      case USER:
      case ASSUMED_ROLE:
      case FEDERATED_USER:
        if (contains(arns, caller.arn())) {
          return Grant.DIRECT;
        }
        if (contains(arns, caller.entityArn())) {
          return Grant.ENTITY;
        }
        return contains(accounts, caller.account()) ? Grant.ACCOUNT : Grant.NONE;
      case SERVICE:
        return containsIgnoreCase(services, caller.arn()) ? Grant.DIRECT : Grant.NONE;
      case WEB_IDENTITY:
      case SAML:
        return contains(providers, caller.arn()) ? Grant.DIRECT : Grant.NONE;
      default:
        return Grant.NONE;
    }
  }

  private boolean notPrincipalApplies(RequestPrincipal caller, boolean hasBoundary) {
    RequestPrincipal.Kind kind = caller.kind();
    if (deny && hasBoundary && kind.inAccount() && kind != RequestPrincipal.Kind.ROOT) {
      return true;
    }
    if (anyone) {
      return false;
    }
    switch (kind) {
      case ROOT:
        return !contains(accounts, caller.account());
      case USER:
        return !contains(accounts, caller.account()) || !contains(arns, caller.arn());
      case ASSUMED_ROLE:
      case FEDERATED_USER:
        return !contains(accounts, caller.account())
            || !contains(arns, caller.entityArn())
            || !contains(arns, caller.arn());
      case SERVICE:
        return !containsIgnoreCase(services, caller.arn());
      case WEB_IDENTITY:
      case SAML:
        return !contains(providers, caller.arn());
      default:
        return true;
    }
  }

  private static boolean contains(String[] values, String candidate) {
    for (String value : values) {
      if (value.equals(candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsIgnoreCase(String[] values, String candidate) {
    for (String value : values) {
      if (value.equalsIgnoreCase(candidate)) {
        return true;
      }
    }
    return false;
  }
}
