package dev.portcullis.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests can move: the system clock shifted by an adjustable offset. */
public final class MutableClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  /** Shifts the clock by {@code by} from the system time (negative: into the past). */
  public void shift(Duration by) {
    offset = by;
  }

  /** Moves the clock on by {@code by} from where it stands now. */
  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  /** Back to the system time. */
  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a MutableClock is always UTC");
  }
}
