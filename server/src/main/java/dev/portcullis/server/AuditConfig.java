package dev.portcullis.server;

import java.time.Duration;

/**
 * How a server keeps its audit trail.
 *
 * @param enabled false only to measure what recording costs (serve --no-audit): a server that
 *     records nothing answers no one's question of who did what
 * @param retention how long events are kept before the background pruning removes them
 */
public record AuditConfig(boolean enabled, Duration retention) {
  /** CloudTrail's event history keeps 90 days; so does Portcullis by default. */
  public static final AuditConfig DEFAULT = new AuditConfig(true, Duration.ofDays(90));

  public AuditConfig {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the audit retention must be positive");
    }
  }
}
