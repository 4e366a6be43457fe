package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.ActionElement;
import java.util.List;
import java.util.Locale;

/**
 * A compiled Action or NotAction element. Actions match case-insensitively, with {@code *} and
 * {@code ?}.
 */
final class ActionMatcher {
  private final boolean negated;
  private final Glob[] patterns;
  private final String[] services;

  ActionMatcher(ActionElement element) {
    this.negated = element.negated();
    List<String> actions = element.actions();
    this.patterns = new Glob[actions.size()];
    this.services = new String[actions.size()];
    for (int i = 0; i < patterns.length; i++) {
      String lower = actions.get(i).toLowerCase(Locale.ROOT);
      patterns[i] = Glob.compile(lower, true, false, false);
      int colon = lower.indexOf(':');
      String service = colon < 0 ? lower : lower.substring(0, colon);
      boolean wild = colon < 0 || service.indexOf('*') >= 0 || service.indexOf('?') >= 0;
      services[i] = wild ? null : service;
    }
  }

  /**
   * The services the element can only ever match, for indexing statements by service; null if it
   * may match actions of any service (NotAction, or a wildcard in a service prefix).
   */
  String[] servicesOrNull() {
    if (negated) {
      return null;
    }
    for (String service : services) {
      if (service == null) {
        return null;
      }
    }
    return services.clone();
  }

  boolean matches(EvaluationState state) {
    String action = state.request().actionLower();
    for (Glob pattern : patterns) {
      if (pattern.match(action, state) == Tri.YES) {
        return !negated;
      }
    }
    return negated;
  }
}
