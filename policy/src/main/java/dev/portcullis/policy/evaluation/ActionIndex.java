package dev.portcullis.policy.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which statements of a policy can apply to an action of a given service: those whose actions name
 * that service, plus those that may match any service (NotAction, {@code *}, wildcard prefixes).
 * Each list is in document order. Lets a large policy skip most statements without looking.
 */
final class ActionIndex {
  private final Map<String, int[]> byService;
  private final int[] anyService;

  ActionIndex(CompiledStatement[] statements) {
    Map<String, TreeSet<Integer>> services = new HashMap<>();
    List<Integer> wildcard = new ArrayList<>();
    for (int i = 0; i < statements.length; i++) {
      String[] names = statements[i].actions().servicesOrNull();
      if (names == null) {
        wildcard.add(i);
        continue;
      }
      for (String service : names) {
        services.computeIfAbsent(service, s -> new TreeSet<>()).add(i);
      }
    }
    this.anyService = toArray(wildcard);
    this.byService = new HashMap<>();
    services.forEach(
        (service, indexes) -> {
          indexes.addAll(wildcard);
          byService.put(service, toArray(new ArrayList<>(indexes)));
        });
  }

  private static int[] toArray(List<Integer> values) {
    int[] array = new int[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /** The statements that may apply to an action of {@code service} (lower-cased). */
  int[] candidates(String service) {
    int[] indexes = byService.get(service);
    return indexes == null ? anyService : indexes;
  }
}
