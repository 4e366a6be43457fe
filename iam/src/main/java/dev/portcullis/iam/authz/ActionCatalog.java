package dev.portcullis.iam.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AWS's Service Authorization Reference for IAM and STS: for every action, the resource types it
 * is authorized against and the condition keys its requests carry; for every resource type, its
 * ARN template. Bundled by {@code tools/update-authorization-data.sh}.
 */
public final class ActionCatalog {
  static final String RESOURCE = "/dev/portcullis/iam/authz/service-authorization.json";
  private final Map<String, Action> actions;

  /** A resource type such as {@code user}, with its ARN template and condition keys. */
  public record ResourceType(String service, String name, String arnTemplate,
      List<String> conditionKeys) {

    /** Whether requests on this type carry {@code prefix/<key>} keys, e.g. aws:ResourceTag. */
    public boolean hasKeyPrefix(String prefix) {
      return conditionKeys.stream().anyMatch(k -> k.regionMatches(true, 0, prefix, 0,
          prefix.length()));
    }
  }

  /** One resource type of an action; a required one must be present for the action. */
  public record ActionResource(ResourceType type, boolean required) {}

  /** An action such as {@code iam:CreateUser}. */
  public record Action(String service, String name, List<ActionResource> resources,
      List<String> conditionKeys) {

    /** {@code service:Name}, as policies write it. */
    public String qualified() {
      return service + ":" + name;
    }

    /** Whether the action's requests carry the condition key {@code key}. */
    public boolean hasConditionKey(String key) {
      return conditionKeys.stream().anyMatch(k -> k.equalsIgnoreCase(key));
    }
  }

  private ActionCatalog(Map<String, Action> actions) {
    this.actions = actions;
  }

  /** The bundled reference, read once. */
  public static ActionCatalog bundled() {
    return Holder.INSTANCE;
  }

  /** The action {@code name} of {@code service} ({@code iam}, {@code sts} or {@code cloudtrail}). */
  public Optional<Action> action(String service, String name) {
    return Optional.ofNullable(actions.get(key(service, name)));
  }

  static ActionCatalog read(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    Map<String, Action> actions = new HashMap<>();
    root.get("services").fields().forEachRemaining(service -> {
      String prefix = service.getKey();
      Map<String, ResourceType> types = new HashMap<>();
      service.getValue().get("resourceTypes").fields().forEachRemaining(t -> types.put(
          t.getKey(), new ResourceType(prefix, t.getKey(), t.getValue().get("arn").asText(),
              strings(t.getValue().get("conditionKeys")))));
      service.getValue().get("actions").fields().forEachRemaining(a -> {
        List<ActionResource> resources = new ArrayList<>();
        for (JsonNode r : a.getValue().get("resourceTypes")) {
          ResourceType type = types.get(r.get("name").asText());
          if (type != null) {
            resources.add(new ActionResource(type, r.get("required").asBoolean()));
          }
        }
        actions.put(key(prefix, a.getKey()), new Action(prefix, a.getKey(),
            List.copyOf(resources), strings(a.getValue().get("conditionKeys"))));
      });
    });
    return new ActionCatalog(Map.copyOf(actions));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return List.copyOf(out);
  }

  private static String key(String service, String name) {
    return service.toLowerCase(Locale.ROOT) + ":" + name.toLowerCase(Locale.ROOT);
  }

  private static final class Holder {
    static final ActionCatalog INSTANCE = load();

    private static ActionCatalog load() {
      try (InputStream in = ActionCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing " + RESOURCE);
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
