package dev.portcullis.server;

import java.time.Duration;

/**
 * How a server keeps its audit trail.
 *
 * @param enabled false only to measure what recording costs (serve --no-audit): a server that
 *     records nothing answers no one's question of who did what
 * @param retention how long events are kept before the background pruning removes them
 * @param digestInterval how often a signed digest of the trail is made
 */
public record AuditConfig(boolean enabled, Duration retention, Duration digestInterval) {
  /**
   * CloudTrail's event history keeps 90 days and CloudTrail delivers a digest file every hour;
   * so does Portcullis by default.
   */
  public static final AuditConfig DEFAULT =
      new AuditConfig(true, Duration.ofDays(90), Duration.ofHours(1));

  public AuditConfig {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the audit retention must be positive");
    }
    if (digestInterval.isNegative() || digestInterval.isZero()) {
      throw new IllegalArgumentException("the audit digest interval must be positive");
    }
  }
}
