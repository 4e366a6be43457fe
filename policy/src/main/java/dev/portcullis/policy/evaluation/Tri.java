package dev.portcullis.policy.evaluation;

/**
 * Three-valued match results. A policy value whose variable the request cannot resolve neither
 * matches nor fails to match: it is {@link #UNKNOWN}, and a statement never applies because of an
 * unknown. Kept as ints so that matching allocates nothing.
 */
final class Tri {
  static final int NO = 0;
  static final int YES = 1;
  static final int UNKNOWN = 2;

  private Tri() {}

  static int of(boolean value) {
    return value ? YES : NO;
  }

  static int not(int value) {
    return value == UNKNOWN ? UNKNOWN : value ^ 1;
  }

  /** Kleene OR: yes if either is yes, no if both are no. */
  static int or(int a, int b) {
    if (a == YES || b == YES) {
      return YES;
    }
    return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : NO;
  }

  /** Kleene AND: no if either is no, yes if both are yes. */
  static int and(int a, int b) {
    if (a == NO || b == NO) {
      return NO;
    }
    return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : YES;
  }
}
