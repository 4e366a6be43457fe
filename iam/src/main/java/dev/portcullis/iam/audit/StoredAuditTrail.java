package dev.portcullis.iam.audit;

import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The audit trail kept in the store. The event of a call that changed something is staged in
 * that call's transaction (one row, no lock on the chain: {@code AuditStore.stage}), so it
 * commits with the change; every other event goes to a bounded queue. One background writer
 * chains both in batches (the staged events first, then the queued ones; at most {@code
 * batchSize} queued events, at least every {@code flushInterval}), one usage write per batch, so
 * reads pay for no commit of their own and no in-memory view of the store is invalidated. A
 * crash loses at most the events queued since the last batch committed: about one flush
 * interval of read-only and refused calls; staged events are chained when the trail starts
 * again.
 *
 * <p>A full queue never drops an event: the caller waits for room (so callers slow down to
 * the pace the writer commits at, and the queue bounds what a crash can lose), and only if
 * the writer makes none within {@link #FULL_QUEUE_WAIT} (the database is failing) writes its
 * event itself in a transaction of its own.
 */
public final class StoredAuditTrail implements AuditTrail, AutoCloseable {
  static final Duration FULL_QUEUE_WAIT = Duration.ofSeconds(5);
  /** How long the writer waits at most before it looks whether the trail is closing. */
  private static final long SLICE_NANOS = Duration.ofMillis(20).toNanos();
  /** How often a gathering writer looks whether its batch would fill. */
  private static final long GATHER_SLICE_NANOS = Duration.ofMillis(5).toNanos();
  private static final System.Logger LOG = System.getLogger(StoredAuditTrail.class.getName());
  private final Store store;
  private final CloudTrailRecords records;
  private final EventQueue queue;
  private final Duration flushInterval;
  private final int batchSize;
  private final Thread writer;
  private volatile boolean closing;
  /**
   * Set when a change staged an event (and at start, for what a crash left staged): the writer
   * then chains the staged rows within one interval even if no read-only event comes.
   */
  private final AtomicBoolean staged = new AtomicBoolean(true);

  /**
   * A trail on {@code store} whose queue holds {@code capacity} events, written in batches of
   * up to {@code batchSize} at least every {@code flushInterval}.
   */
  public StoredAuditTrail(Store store, CloudTrailRecords records, int capacity,
      Duration flushInterval, int batchSize) {
    this.store = store;
    this.records = records;
    this.queue = new EventQueue(capacity);
    this.flushInterval = flushInterval;
    this.batchSize = batchSize;
    this.writer = new Thread(this::drain, "audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * A trail with a queue of 1,000 events, flushed every 100 ms or every 1,000 events: a crash
   * loses at most the 2,000 events of the queue and the batch being written.
   */
  public static StoredAuditTrail start(Store store, CloudTrailRecords records) {
    return new StoredAuditTrail(store, records, 1_000, Duration.ofMillis(100), 1_000);
  }

  @Override
  public void appendInTransaction(StoreTx tx, CallRecord call) {
    tx.audit().stage(records.event(call));
    staged.set(true);
  }

  @Override
  public void record(CallRecord call) {
    // Built on the caller's thread: the work spreads over the request threads, and the
    // writer only writes.
    AuditEvent event = records.event(call);
    {
      // A writer killed by an Error drains nothing: waiting for room would cost every call
      // FULL_QUEUE_WAIT, so the caller writes its event itself.
      if (!closing && writer.isAlive() && queue.offer(event, FULL_QUEUE_WAIT.toNanos())) {
        if (closing) {
          // close() may have drained the queue between the check and the offer: whatever is
          // left is written here (drainTo hands each event to one thread only).
          List<AuditEvent> left = new ArrayList<>();
          queue.drainTo(left);
          if (!left.isEmpty()) {
            write(left);
          }
        }
        return;
      }
    }
    // Closed, the writer dead or stuck: slower, never lost. What a dead writer left queued
    // goes first, so no event waits forever behind it.
    List<AuditEvent> events = new ArrayList<>();
    if (!writer.isAlive()) {
      queue.drainTo(events);
    }
    events.add(event);
    write(events);
  }

  /** Events waiting for the writer (for tests and metrics). */
  public int pending() {
    return queue.size();
  }

  private void drain() {
    List<AuditEvent> batch = new ArrayList<>(batchSize);
    while (!(closing && queue.isEmpty() && !staged.get())) {
      AuditEvent first = queue.poll();
      if (first == null && !staged.get()) {
        // Nothing to write: look again after a slice (the queue wakes nobody; the event that
        // arrives meanwhile waits at most a slice more than its batch's interval).
        LockSupport.parkNanos(SLICE_NANOS);
        closing |= Thread.interrupted(); // only the JVM going down interrupts the writer
        continue;
      }
      if (first != null) {
        batch.add(first);
      }
      // Let the batch gather for one interval (or until it would fill) without touching the
      // queue: asleep, the writer takes the whole batch at once.
      long deadline = System.nanoTime() + flushInterval.toNanos();
      while (!closing && queue.size() < batchSize - 1) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        LockSupport.parkNanos(Math.min(left, GATHER_SLICE_NANOS));
        closing |= Thread.interrupted();
      }
      queue.drainTo(batch, batchSize - batch.size());
      // Cleared before the write: a change staged meanwhile sets it again for the next batch.
      staged.set(false);
      write(batch);
      batch.clear();
    }
  }

  private void write(List<AuditEvent> batch) {
    RuntimeException last = attempt(batch, 3);
    if (last == null) {
      return;
    }
    int lost = batch.size();
    if (batch.size() > 1 && !Thread.currentThread().isInterrupted()) {
      // One event the store refuses must not take the rest of its batch with it: one at a
      // time (one attempt each: the batch's retries are spent), only the unstorable are lost.
      lost = 0;
      for (AuditEvent event : batch) {
        RuntimeException failed = attempt(List.of(event), 1);
        if (failed != null) {
          lost++;
          last = failed;
        }
      }
    }
    if (lost > 0) {
      // Said loudly, never silently: the count and the cause's type (no record content).
      LOG.log(System.Logger.Level.ERROR, "audit trail: " + lost
          + " events could not be written: " + last.getClass().getSimpleName());
    }
  }

  /** Appends {@code batch} in one usage write, up to {@code attempts} times; the last failure. */
  private RuntimeException attempt(List<AuditEvent> batch, int attempts) {
    RuntimeException last = null;
    List<AuditEvent> events = List.copyOf(batch);
    for (int attempt = 0; attempt < attempts; attempt++) {
      try {
        store.writeUsage(tx -> tx.audit().append(events));
        return null;
      } catch (RuntimeException e) {
        last = e;
        if (attempt + 1 < attempts) {
          try {
            Thread.sleep(100L << attempt);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    }
    return last;
  }

  /** Writes every queued event, then stops the writer. */
  @Override
  public void close() {
    // No interrupt: it could break the JDBC write under way. The writer looks at closing at
    // least every SLICE.
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<AuditEvent> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (!rest.isEmpty() || staged.getAndSet(false)) {
      write(rest);
    }
  }
}
