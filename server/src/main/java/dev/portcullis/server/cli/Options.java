package dev.portcullis.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} / {@code --name=value} options of one subcommand, checked against
 * the options it declares; an option may be given several times, and a flag (declared with an
 * empty value label) takes no value. Hand-rolled: a CLI framework costs a tenth of the server's
 * start-up.
 */
final class Options {
  private final Map<String, List<String>> values;

  private Options(Map<String, List<String>> values) {
    this.values = values;
  }

  /** An option a subcommand accepts, for parsing and for its usage text. */
  record Spec(String name, String valueLabel, String description) {
    /** A flag: an option without a value. */
    static Spec flag(String name, String description) {
      return new Spec(name, "", description);
    }

    boolean isFlag() {
      return valueLabel.isEmpty();
    }
  }

  /** Thrown for arguments that do not fit; the message is for the user. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static Options parse(List<String> args, List<Spec> specs) throws UsageException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        values.put("help", List.of("true"));
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument: " + arg);
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      Spec spec = specs.stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow(() -> new UsageException("unknown option: --" + name));
      String value;
      if (spec.isFlag()) {
        if (eq >= 0) {
          throw new UsageException("option --" + name + " takes no value");
        }
        value = "true";
      } else if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException("option --" + name + " needs a value (" + spec.valueLabel()
            + ")");
      }
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return new Options(values);
  }

  boolean help() {
    return values.containsKey("help");
  }

  /** The option's value (the last one when given several times), or {@code fallback}. */
  String get(String name, String fallback) {
    List<String> all = values.get(name);
    return all == null ? fallback : all.get(all.size() - 1);
  }

  /** Every value of an option that may be repeated, in order; empty when not given. */
  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** Whether a flag was given. */
  boolean flag(String name) {
    return values.containsKey(name);
  }

  int integer(String name, int fallback) throws UsageException {
    String v = get(name, null);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " takes a number, not '" + v + "'");
    }
  }

  static String usage(String synopsis, String description, List<Spec> specs) {
    StringBuilder out = new StringBuilder("Usage: ").append(synopsis).append("\n")
        .append(description).append("\n");
    for (Spec s : specs) {
      String left = "  --" + s.name() + (s.isFlag() ? "" : " " + s.valueLabel());
      out.append(left).append(" ".repeat(Math.max(2, 34 - left.length())))
          .append(s.description()).append("\n");
    }
    return out.toString();
  }
}
