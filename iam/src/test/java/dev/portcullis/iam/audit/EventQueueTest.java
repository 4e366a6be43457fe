package dev.portcullis.iam.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  private static AuditEvent event(String id) {
    return new AuditEvent(id, Instant.EPOCH, "123456789012", "iam.amazonaws.com", "GetUser",
        null, null, null, true, null, null, List.of(), "{}");
  }

  @Test
  void offer_whenFull_waitsForRoomThenGivesUpWithoutAdding() {
    EventQueue queue = new EventQueue(2);
    assertThat(queue.offer(event("a"), 0)).isTrue();
    assertThat(queue.offer(event("b"), 0)).isTrue();

    long started = System.nanoTime();
    assertThat(queue.offer(event("c"), TimeUnit.MILLISECONDS.toNanos(50))).isFalse();

    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(
        TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.poll().eventId()).isEqualTo("a");
    assertThat(queue.offer(event("c"), 0)).isTrue();
    List<AuditEvent> rest = new ArrayList<>();
    queue.drainTo(rest);
    assertThat(rest).extracting(AuditEvent::eventId).containsExactly("b", "c");
    assertThat(queue.size()).isZero();
  }

  @Test
  void offer_fromManyThreadsBeyondItsCapacity_deliversEveryEventOnceAndNeverHoldsMore()
      throws Exception {
    EventQueue queue = new EventQueue(100);
    List<Thread> producers = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      Thread p = new Thread(() -> {
        for (int i = 0; i < 5_000; i++) {
          if (!queue.offer(event(thread + "-" + i), TimeUnit.SECONDS.toNanos(10))) {
            refused.incrementAndGet();
          }
        }
      });
      p.start();
      producers.add(p);
    }
    Set<String> taken = new HashSet<>();
    int largest = 0;
    while (taken.size() < 20_000 && refused.get() == 0) {
      largest = Math.max(largest, queue.size());
      List<AuditEvent> batch = new ArrayList<>();
      queue.drainTo(batch, 37);
      for (AuditEvent e : batch) {
        assertThat(taken.add(e.eventId())).as("taken once: " + e.eventId()).isTrue();
      }
    }
    for (Thread p : producers) {
      p.join();
    }
    assertThat(refused.get()).isZero();
    // A producer's claim may count one over before it gives the place back.
    assertThat(largest).isLessThanOrEqualTo(100 + 4);
    assertThat(queue.size()).isZero();
    assertThat(queue.isEmpty()).isTrue();
  }
}
