package dev.portcullis.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The principals a Principal or NotPrincipal element names. */
public sealed interface Principal permits Principal.Anyone, Principal.Named {

  /** {@code "Principal": "*"}: every principal, authenticated or not. */
  record Anyone() implements Principal {}

  /**
   * A map from principal type to values, such as {@code {"AWS": ["123456789012"]}}. A value of
   * {@code *} under {@link PrincipalType#AWS} also means every principal.
   *
   * @param values the values of each type, in document order
   */
  record Named(Map<PrincipalType, List<String>> values) implements Principal {
    public Named {
      Map<PrincipalType, List<String>> copy = new LinkedHashMap<>();
      values.forEach((type, list) -> copy.put(type, List.copyOf(list)));
      values = Collections.unmodifiableMap(copy);
    }

    /** The values of {@code type}; empty when the element does not name that type. */
    public List<String> valuesOf(PrincipalType type) {
      return values.getOrDefault(type, List.of());
    }

    /** Whether the element names no principal at all. */
    public boolean isEmpty() {
      return values.values().stream().allMatch(List::isEmpty);
    }
  }
}
