package dev.portcullis.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private final Map<String, Operation> operations;
  private final Map<String, Shape> shapes;
  private final Map<String, Paginator> paginators;
  private final Map<String, Shape.Structure> errorsByCode;

  private ServiceModel(String endpointPrefix, String apiVersion, String xmlNamespace,
      Map<String, Operation> operations, Map<String, Shape> shapes,
      Map<String, Paginator> paginators) {
    this.endpointPrefix = endpointPrefix;
    this.apiVersion = apiVersion;
    this.xmlNamespace = xmlNamespace;
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

  /** Loads a bundled model by endpoint prefix: {@code iam} or {@code sts}. */
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
    ObjectMapper json = new ObjectMapper();
    JsonNode root = json.readTree(model);
    JsonNode meta = root.path("metadata");
    Map<String, Shape> shapes = new LinkedHashMap<>();
    root.path("shapes").fields().forEachRemaining(e -> shapes.put(e.getKey(),
        shape(e.getKey(), e.getValue())));
    Map<String, Operation> ops = new LinkedHashMap<>();
    root.path("operations").fields().forEachRemaining(e -> ops.put(e.getKey(),
        operation(e.getKey(), e.getValue())));
    Map<String, Paginator> pages = new HashMap<>();
    if (paginators != null) {
      json.readTree(paginators).path("pagination").fields().forEachRemaining(e -> pages.put(
          e.getKey(), paginator(e.getValue())));
    }
    return new ServiceModel(meta.path("endpointPrefix").asText(), meta.path("apiVersion").asText(),
        meta.path("xmlNamespace").asText(), ops, shapes, pages);
  }

  private static Operation operation(String name, JsonNode node) {
    List<String> errors = new ArrayList<>();
    node.path("errors").forEach(e -> errors.add(e.path("shape").asText()));
    JsonNode out = node.path("output");
    return new Operation(name, textOrNull(node.path("input").path("shape")),
        textOrNull(out.path("shape")), textOrNull(out.path("resultWrapper")), List.copyOf(errors));
  }

  private static Paginator paginator(JsonNode node) {
    List<String> keys = new ArrayList<>();
    JsonNode rk = node.path("result_key");
    if (rk.isArray()) {
      rk.forEach(k -> keys.add(k.asText()));
    } else if (!rk.isMissingNode()) {
      keys.add(rk.asText());
    }
    return new Paginator(textOrNull(node.path("input_token")), textOrNull(node.path("limit_key")),
        textOrNull(node.path("more_results")), textOrNull(node.path("output_token")),
        List.copyOf(keys));
  }

  private static Shape shape(String name, JsonNode n) {
    Long min = n.has("min") ? n.get("min").asLong() : null;
    Long max = n.has("max") ? n.get("max").asLong() : null;
    boolean sensitive = n.path("sensitive").asBoolean(false);
    return switch (n.path("type").asText()) {
      case "structure" -> {
        Map<String, Shape.Member> members = new LinkedHashMap<>();
        n.path("members").fields().forEachRemaining(m -> members.put(m.getKey(),
            new Shape.Member(m.getKey(), m.getValue().path("shape").asText())));
        LinkedHashSet<String> required = new LinkedHashSet<>();
        n.path("required").forEach(r -> required.add(r.asText()));
        JsonNode err = n.path("error");
        Shape.ErrorInfo error = err.isMissingNode() ? null : new Shape.ErrorInfo(
            err.path("code").asText(), err.path("httpStatusCode").asInt(400),
            err.path("senderFault").asBoolean(false));
        yield new Shape.Structure(name, Collections.unmodifiableMap(members),
            Collections.unmodifiableSet(required), error);
      }
      case "list" -> new Shape.ListOf(name, n.path("member").path("shape").asText(), min, max);
      case "map" -> new Shape.MapOf(name, n.path("key").path("shape").asText(),
          n.path("value").path("shape").asText());
      case "string" -> {
        List<String> enums = new ArrayList<>();
        n.path("enum").forEach(v -> enums.add(v.asText()));
        Pattern pattern = n.has("pattern") ? javaPattern(n.get("pattern").asText()) : null;
        yield new Shape.Text(name, min, max, pattern, List.copyOf(enums), sensitive);
      }
      case "integer" -> new Shape.Number(name, false, min, max);
      case "long" -> new Shape.Number(name, true, min, max);
      case "boolean" -> new Shape.Bool(name);
      case "timestamp" -> new Shape.Timestamp(name);
      case "blob" -> new Shape.Blob(name, min, max, sensitive);
      default -> throw new IllegalArgumentException("unknown shape type in " + name);
    };
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

  private static String textOrNull(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** The endpoint prefix, which is also the SigV4 signing name: {@code iam} or {@code sts}. */
  public String endpointPrefix() {
    return endpointPrefix;
  }

  /** The API version clients send in the {@code Version} parameter. */
  public String apiVersion() {
    return apiVersion;
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
