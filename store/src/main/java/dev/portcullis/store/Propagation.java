package dev.portcullis.store;

import java.time.Duration;

/**
 * How a node learns of changes other nodes commit to a shared PostgreSQL database.
 *
 * @param notifications whether to publish this node's changes and listen for the others'
 *     (PostgreSQL LISTEN/NOTIFY), so that they take effect at once; ignored on SQLite
 * @param maxStaleness how long an in-memory view is served without news of a change: the
 *     fallback bound should a notification be lost (or notifications be off)
 */
public record Propagation(boolean notifications, Duration maxStaleness) {
  /** Notifications on, and a one-second fallback. */
  public static final Propagation DEFAULT = new Propagation(true, Duration.ofSeconds(1));

  public Propagation {
    if (maxStaleness.isNegative() || maxStaleness.isZero()) {
      throw new IllegalArgumentException("the staleness bound must be positive: " + maxStaleness);
    }
  }

  /** This propagation with another fallback bound. */
  public Propagation withMaxStaleness(Duration bound) {
    return new Propagation(notifications, bound);
  }
}
