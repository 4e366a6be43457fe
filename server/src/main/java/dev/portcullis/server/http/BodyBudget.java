package dev.portcullis.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all request bodies still arriving may hold at once. Each connection is capped, but
 * thousands of connections each sending most of a large body slowly would hold gigabytes: past
 * the budget a body is refused (503) instead. The first {@link #FREE_BYTES} of every body are
 * not counted, so that the small requests that make up almost all IAM and STS traffic are never
 * refused for it (those are bounded by the connection caps: 4096 x 16 KiB is 64 MiB).
 */
final class BodyBudget {
  static final int FREE_BYTES = 16 * 1024;
  private final AtomicLong available;

  BodyBudget(long bytes) {
    available = new AtomicLong(bytes);
  }

  /**
   * Counts the bytes of a body growing from {@code held} to {@code held + more} bytes: returns
   * how many were counted (to {@link #release} later), or -1, counting none, if they do not fit.
   */
  long reserve(long held, long more) {
    long counted = Math.max(0, held + more - FREE_BYTES) - Math.max(0, held - FREE_BYTES);
    if (counted == 0) {
      return 0;
    }
    while (true) {
      long now = available.get();
      if (now < counted) {
        return -1;
      }
      if (available.compareAndSet(now, now - counted)) {
        return counted;
      }
    }
  }

  void release(long counted) {
    if (counted > 0) {
      available.addAndGet(counted);
    }
  }
}
