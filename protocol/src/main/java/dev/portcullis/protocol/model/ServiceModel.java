package dev.portcullis.protocol.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** An AWS service model ({@code *-service-2.json} plus paginators), parsed once. */
public final class ServiceModel {
  private final String endpointPrefix;
  private final String apiVersion;
  private final String xmlNamespace;
  private final String protocol;
  private final String targetPrefix;
  private final String jsonVersion;
  private final Map<String, Operation> operations;
  private final Map<String, Shape> shapes;
  private final Map<String, Paginator> paginators;
  private final Map<String, Shape.Structure> errorsByCode;

  private ServiceModel(Map<String, Object> meta, Map<String, Operation> operations,
      Map<String, Shape> shapes, Map<String, Paginator> paginators) {
    this.endpointPrefix = JsonTree.text(meta, "endpointPrefix");
    this.apiVersion = JsonTree.text(meta, "apiVersion");
    this.xmlNamespace = JsonTree.text(meta, "xmlNamespace");
    this.protocol = JsonTree.text(meta, "protocol");
    this.targetPrefix = JsonTree.text(meta, "targetPrefix");
    this.jsonVersion = JsonTree.text(meta, "jsonVersion");
    this.operations = Collections.unmodifiableMap(operations);
    this.shapes = Collections.unmodifiableMap(shapes);
    this.paginators = Collections.unmodifiableMap(paginators);
    Map<String, Shape.Structure> errors = new HashMap<>();
    for (Shape s : shapes.values()) {
      if (s instanceof Shape.Structure st && st.error() != null) {
        errors.put(st.error().code(), st);
      }
    }
    this.errorsByCode = Collections.unmodifiableMap(errors);
  }

  /** Loads a bundled model by endpoint prefix: {@code iam}, {@code sts} or {@code cloudtrail}. */
  public static ServiceModel bundled(String service) {
    String base = "/dev/portcullis/protocol/specs/" + service;
    try (InputStream model = ServiceModel.class.getResourceAsStream(base + "-service-2.json");
        InputStream pages = ServiceModel.class.getResourceAsStream(base + "-paginators-1.json")) {
      if (model == null) {
        throw new IllegalArgumentException("no bundled model for " + service);
      }
      return parse(model, pages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a service model and, when not null, its paginators file. */
  public static ServiceModel parse(InputStream model, InputStream paginators) throws IOException {
    Object root = JsonTree.read(model);
    Map<String, Object> meta = JsonTree.object(root, "metadata");
    Map<String, Shape> shapes = new LinkedHashMap<>();
    JsonTree.object(root, "shapes").forEach((name, n) -> shapes.put(name, shape(name, n)));
    Map<String, Operation> ops = new LinkedHashMap<>();
    JsonTree.object(root, "operations").forEach((name, n) -> ops.put(name, operation(name, n)));
    Map<String, Paginator> pages = new HashMap<>();
    if (paginators != null) {
      JsonTree.object(JsonTree.read(paginators), "pagination").forEach((name, n) ->
          pages.put(name, paginator(n)));
    }
    return new ServiceModel(meta, ops, shapes, pages);
  }

  private static Operation operation(String name, Object node) {
    List<String> errors = new ArrayList<>();
    JsonTree.array(node, "errors").forEach(e -> errors.add(JsonTree.text(e, "shape")));
    Map<String, Object> out = JsonTree.object(node, "output");
    return new Operation(name, JsonTree.text(JsonTree.object(node, "input"), "shape"),
        JsonTree.text(out, "shape"), JsonTree.text(out, "resultWrapper"), List.copyOf(errors),
        JsonTree.text(node, "authtype"));
  }

  private static Paginator paginator(Object node) {
    List<String> keys = new ArrayList<>();
    Object rk = node instanceof Map<?, ?> m ? m.get("result_key") : null;
    if (rk instanceof List<?> l) {
      l.forEach(k -> keys.add(k.toString()));
    } else if (rk != null) {
      keys.add(rk.toString());
    }
    return new Paginator(JsonTree.text(node, "input_token"), JsonTree.text(node, "limit_key"),
        JsonTree.text(node, "more_results"), JsonTree.text(node, "output_token"),
        List.copyOf(keys));
  }

  private static Shape shape(String name, Object n) {
    Long min = JsonTree.number(n, "min");
    Long max = JsonTree.number(n, "max");
    boolean sensitive = JsonTree.flag(n, "sensitive");
    String type = JsonTree.text(n, "type");
    switch (type == null ? "" : type) {
      case "structure": {
        Map<String, Shape.Member> members = new LinkedHashMap<>();
        JsonTree.object(n, "members").forEach((m, v) -> members.put(m,
            new Shape.Member(m, JsonTree.text(v, "shape"))));
        LinkedHashSet<String> required = new LinkedHashSet<>();
        JsonTree.array(n, "required").forEach(r -> required.add(r.toString()));
        Map<String, Object> err = JsonTree.object(n, "error");
        // The JSON protocols' exception shapes often carry no "error" member: their wire code
        // is the shape's name and their status 400 (a client fault), unless "error" says more.
        Shape.ErrorInfo error = err.isEmpty() ? (JsonTree.flag(n, "exception")
            ? new Shape.ErrorInfo(name, 400, !JsonTree.flag(n, "fault")) : null)
            : new Shape.ErrorInfo(JsonTree.text(err, "code") == null ? name
                : JsonTree.text(err, "code"), err.get("httpStatusCode") instanceof Number s
                ? s.intValue() : 400, JsonTree.flag(err, "senderFault"));
        return new Shape.Structure(name, Collections.unmodifiableMap(members),
            Collections.unmodifiableSet(required), error);
      }
      case "list":
        return new Shape.ListOf(name, JsonTree.text(JsonTree.object(n, "member"), "shape"), min,
            max);
      case "map":
        return new Shape.MapOf(name, JsonTree.text(JsonTree.object(n, "key"), "shape"),
            JsonTree.text(JsonTree.object(n, "value"), "shape"));
      case "string": {
        List<String> enums = new ArrayList<>();
        JsonTree.array(n, "enum").forEach(v -> enums.add(v.toString()));
        String pattern = JsonTree.text(n, "pattern");
        return new Shape.Text(name, min, max, pattern == null ? null : new ModelPattern(pattern),
            List.copyOf(enums), sensitive);
      }
      case "integer":
        return new Shape.Number(name, false, min, max);
      case "long":
        return new Shape.Number(name, true, min, max);
      case "boolean":
        return new Shape.Bool(name);
      case "timestamp":
        return new Shape.Timestamp(name);
      case "double":
      case "float":
        return new Shape.Decimal(name);
      case "blob":
        return new Shape.Blob(name, min, max, sensitive);
      default:
        throw new IllegalArgumentException("unknown shape type in " + name);
    }
  }

  /**
   * Compiles a model pattern. The models write supplementary code points as {@code \\u10000},
   * which Java would read as {@code \\u1000} followed by {@code 0}; they become {@code \\x{...}}.
   */
  static Pattern javaPattern(String modelPattern) {
    return Pattern.compile(SUPPLEMENTARY_ESCAPE.matcher(modelPattern).replaceAll("\\\\x{$1}"));
  }

  private static final Pattern SUPPLEMENTARY_ESCAPE = Pattern.compile(
      "\\\\u(10[0-9A-Fa-f]{4}|[1-9A-Fa-f][0-9A-Fa-f]{4})(?![0-9A-Fa-f])");


  /** The endpoint prefix, which is also the SigV4 signing name: {@code iam} or {@code sts}. */
  public String endpointPrefix() {
    return endpointPrefix;
  }

  /** The API version clients send in the {@code Version} parameter. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The wire protocol the model declares: {@code query}, {@code json}, ... */
  public String protocol() {
    return protocol;
  }

  /**
   * The JSON protocol's {@code X-Amz-Target} prefix (the operation name follows a dot), or
   * null for the other protocols.
   */
  public String targetPrefix() {
    return targetPrefix;
  }

  /** The JSON protocol's version ({@code 1.1} in its content type), or null. */
  public String jsonVersion() {
    return jsonVersion;
  }

  public String xmlNamespace() {
    return xmlNamespace;
  }

  public Optional<Operation> operation(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  public Map<String, Operation> operations() {
    return operations;
  }

  /** The shape of the given name; the model is closed, so a missing name is a bug. */
  public Shape shape(String name) {
    Shape s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no shape " + name + " in " + endpointPrefix);
    }
    return s;
  }

  public Optional<Paginator> paginator(String operation) {
    return Optional.ofNullable(paginators.get(operation));
  }

  /** The exception shape with the given wire code, such as {@code NoSuchEntity}. */
  public Optional<Shape.Structure> errorShape(String code) {
    return Optional.ofNullable(errorsByCode.get(code));
  }
}
