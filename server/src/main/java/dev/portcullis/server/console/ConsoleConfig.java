package dev.portcullis.server.console;

import java.time.Duration;

/**
 * The console's session limits, enforced on the server.
 *
 * @param idleTimeout a session unused this long ends
 * @param maxLifetime a session ends this long after sign-in, however active (AWS's console
 *     sessions last at most 12 hours)
 */
public record ConsoleConfig(Duration idleTimeout, Duration maxLifetime) {
  /** AWS's longest console session. */
  public static final Duration AWS_MAXIMUM = Duration.ofHours(12);
  public static final ConsoleConfig DEFAULTS = new ConsoleConfig(Duration.ofHours(1),
      AWS_MAXIMUM);

  public ConsoleConfig {
    if (idleTimeout.isNegative() || idleTimeout.isZero() || maxLifetime.isNegative()
        || maxLifetime.isZero() || maxLifetime.compareTo(AWS_MAXIMUM) > 0) {
      throw new IllegalArgumentException("console session limits must be positive and at most "
          + "12 hours");
    }
  }
}
