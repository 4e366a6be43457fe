package dev.portcullis.iam;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The operations a service implements, by name. */
public final class OperationRegistry {
  private final Map<String, OperationHandler> handlers = new TreeMap<>();

  /** Registers a handler; registering one name twice is a programming error. */
  public OperationRegistry register(String operation, OperationHandler handler) {
    if (handlers.putIfAbsent(operation, handler) != null) {
      throw new IllegalStateException("operation registered twice: " + operation);
    }
    return this;
  }

  public Optional<OperationHandler> handler(String operation) {
    return Optional.ofNullable(handlers.get(operation));
  }

  public Map<String, OperationHandler> all() {
    return Collections.unmodifiableMap(handlers);
  }
}
