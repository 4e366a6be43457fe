package dev.portcullis.iam.store;

import java.time.Clock;

/**
 * Whether an in-memory view of the store may still be served: the store's generation has not
 * moved since the view was loaded (no write on this node, no change heard of from another), and
 * the view is no older than the store's {@link Store#maxStaleness} (the fallback should news of
 * another node's change be lost).
 */
public final class Freshness {
  private final Store store;
  private final Clock clock;
  private final long maxAgeMillis;

  /** When a view was loaded: the generation read before loading it, and the time. */
  public record Stamp(long generation, long millis) {}

  public Freshness(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.maxAgeMillis = store.maxStaleness().toMillis();
  }

  /** The stamp for a view about to be loaded: taken before loading, so a racing write wins. */
  public Stamp now() {
    return new Stamp(store.generation(), clock.millis());
  }

  /** Whether a view stamped {@code loaded} may be served at {@code now}. */
  public boolean fresh(Stamp loaded, Stamp now) {
    long age = now.millis() - loaded.millis();
    // A negative age means the clock was stepped back: how long the view has been served is
    // unknown, so it is stale (else it would be served until the clock caught up again).
    return loaded.generation() == now.generation() && age >= 0 && age <= maxAgeMillis;
  }

  /** Whether a view stamped {@code loaded} may be served now. */
  public boolean fresh(Stamp loaded) {
    return fresh(loaded, now());
  }
}
