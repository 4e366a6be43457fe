package dev.portcullis.iam.audit;

import dev.portcullis.iam.domain.AuditEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded queue from the request threads to the trail's writer, without a lock: a request
 * thread claims a place by incrementing the count (and gives it back if the queue was full),
 * then links its event in; the writer takes events off one by one. A lock shared by every
 * offer and the writer's drains made request threads park on it under load.
 */
final class EventQueue {
  /** How long a caller waiting for room sleeps between looks. */
  private static final long ROOM_SLICE_NANOS = 200_000;
  private final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  EventQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Adds {@code event}, waiting up to {@code timeoutNanos} for room; false if none came. */
  boolean offer(AuditEvent event, long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      if (size.incrementAndGet() <= capacity) {
        events.add(event);
        return true;
      }
      size.decrementAndGet();
      if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(ROOM_SLICE_NANOS);
    }
  }

  /** The oldest event, or null; each event goes to one taker only. */
  AuditEvent poll() {
    AuditEvent e = events.poll();
    if (e != null) {
      size.decrementAndGet();
    }
    return e;
  }

  /** Moves up to {@code max} events to {@code into}, oldest first. */
  void drainTo(List<AuditEvent> into, int max) {
    for (int i = 0; i < max; i++) {
      AuditEvent e = poll();
      if (e == null) {
        return;
      }
      into.add(e);
    }
  }

  /** Moves every event to {@code into}, oldest first. */
  void drainTo(List<AuditEvent> into) {
    drainTo(into, Integer.MAX_VALUE);
  }

  /** Events waiting, counting those whose callers have claimed a place and not yet linked. */
  int size() {
    return size.get();
  }

  boolean isEmpty() {
    return events.isEmpty();
  }
}
