package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.ResourceElement;
import java.util.List;

/**
 * A compiled Resource or NotResource element. ARNs match field by field, case-sensitively, with
 * policy variables in the resource field. A value whose variable cannot be resolved matches
 * nothing, and makes a NotResource element inapplicable, since it cannot tell what is excluded.
 */
final class ResourceMatcher {
  private final boolean negated;
  private final ArnPattern[] patterns;

  ResourceMatcher(ResourceElement element, boolean variables) {
    this.negated = element.negated();
    List<String> resources = element.resources();
    this.patterns = new ArnPattern[resources.size()];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = ArnPattern.compile(resources.get(i), variables, false);
    }
  }

  boolean matches(EvaluationState state) {
    String resource = state.request().resource();
    int any = Tri.NO;
    for (ArnPattern pattern : patterns) {
      any = Tri.or(any, pattern.match(resource, state));
      if (any == Tri.YES) {
        break;
      }
    }
    return negated ? any == Tri.NO : any == Tri.YES;
  }
}
