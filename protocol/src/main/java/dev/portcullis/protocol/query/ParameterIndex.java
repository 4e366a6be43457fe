package dev.portcullis.protocol.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Query parameters of one request indexed by dotted name ({@code Tags.member.3.Key}), one
 * level at a time: a node groups the names below it by their next segment on first use, so a
 * decoder that walks the model's shapes touches each parameter a bounded number of times instead
 * of rescanning every parameter per list member. Grouping is lazy so that a hostile name with a
 * million dots costs only the levels the model actually names, not a million nodes.
 */
final class ParameterIndex {
  /** A name continuing below this node: the rest of {@code name} starts at {@code from}. */
  private record Below(String name, int from, String value) {}

  private final String value;
  private final List<Below> below;
  private Map<String, ParameterIndex> children;

  private ParameterIndex(String value, List<Below> below) {
    this.value = value;
    this.below = below;
  }

  /** Indexes parameters by name in one pass over them; a name's first value is the one kept. */
  static ParameterIndex of(Map<String, String> params) {
    List<Below> all = new ArrayList<>(params.size());
    for (Map.Entry<String, String> e : params.entrySet()) {
      all.add(new Below(e.getKey(), 0, e.getValue()));
    }
    return new ParameterIndex(null, all);
  }

  /** The value of the parameter named exactly by the path to this node, or null. */
  String value() {
    return value;
  }

  /** Whether some parameter's name continues below this node ({@code thisPath.more}). */
  boolean hasChildren() {
    return !below.isEmpty();
  }

  /** The node one segment further down, or null when no parameter's name goes there. */
  ParameterIndex child(String segment) {
    return children().get(segment);
  }

  /** Every next segment present below this node, with its node. */
  Map<String, ParameterIndex> children() {
    if (children == null) {
      children = group();
    }
    return children;
  }

  private Map<String, ParameterIndex> group() {
    if (below.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> values = new HashMap<>();
    Map<String, List<Below>> lower = new HashMap<>();
    for (Below b : below) {
      int dot = b.name().indexOf('.', b.from());
      if (dot < 0) {
        values.putIfAbsent(b.name().substring(b.from()), b.value());
        lower.computeIfAbsent(b.name().substring(b.from()), k -> new ArrayList<>(0));
      } else {
        lower.computeIfAbsent(b.name().substring(b.from(), dot), k -> new ArrayList<>(2))
            .add(new Below(b.name(), dot + 1, b.value()));
      }
    }
    Map<String, ParameterIndex> nodes = new HashMap<>(lower.size() * 2);
    lower.forEach((segment, names) -> nodes.put(segment,
        new ParameterIndex(values.get(segment), names)));
    return nodes;
  }
}
