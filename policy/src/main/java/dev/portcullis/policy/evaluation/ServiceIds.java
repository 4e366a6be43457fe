package dev.portcullis.policy.evaluation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small integer ids for the service prefixes that compiled policies name, so that each policy can
 * find the statements for a request's service by array index rather than by hashing. Only services
 * named in policies get an id (a bounded set); a request for any other service has none.
 */
final class ServiceIds {
  /** The id of a service that no compiled policy names. */
  static final int NONE = -1;

  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private ServiceIds() {}

  /** The id of {@code service} (lower-cased), assigning one if it has none. */
  static int register(String service) {
    return IDS.computeIfAbsent(service, s -> NEXT.getAndIncrement());
  }

  /** The id of {@code service} (lower-cased), or {@link #NONE}. */
  static int idOf(String service) {
    Integer id = IDS.get(service);
    return id == null ? NONE : id;
  }
}
