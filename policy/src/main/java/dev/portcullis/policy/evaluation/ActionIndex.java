package dev.portcullis.policy.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which statements of a policy can apply to an action of a given service: those whose actions name
 * that service, plus those that may match any service (NotAction, {@code *}, wildcard prefixes).
 * Each list is in document order. Lets a large policy skip most statements without looking.
 */
final class ActionIndex {
  private final int[][] byServiceId;
  private final int[] anyService;

  ActionIndex(CompiledStatement[] statements) {
    TreeMap<Integer, TreeSet<Integer>> services = new TreeMap<>();
    List<Integer> wildcard = new ArrayList<>();
    for (int i = 0; i < statements.length; i++) {
      String[] names = statements[i].actions().servicesOrNull();
      if (names == null) {
        wildcard.add(i);
        continue;
      }
      for (String service : names) {
        services.computeIfAbsent(ServiceIds.register(service), s -> new TreeSet<>()).add(i);
      }
    }
    this.anyService = toArray(wildcard);
    this.byServiceId = new int[services.isEmpty() ? 0 : services.lastKey() + 1][];
    Arrays.fill(byServiceId, anyService);
    services.forEach(
        (id, indexes) -> {
          indexes.addAll(wildcard);
          byServiceId[id] = toArray(new ArrayList<>(indexes));
        });
  }

  private static int[] toArray(List<Integer> values) {
    int[] array = new int[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /** The statements that may apply to an action of the service with id {@code serviceId}. */
  int[] candidates(int serviceId) {
    return serviceId >= 0 && serviceId < byServiceId.length ? byServiceId[serviceId] : anyService;
  }
}
