package dev.portcullis.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while the client is slow: it reads what has
 * arrived, then asks Jetty to call back when more does, and gives up at a deadline. At most
 * {@code limit} bytes are kept; the read stops there, so that the handler can tell the body was
 * too large. What it holds while reading counts against the server's {@link BodyBudget}. Exactly
 * one of the {@link Outcome}s happens.
 */
final class BodyReader implements Runnable {
  private static final int INITIAL_BYTES = 8 * 1024;
  private final Request request;
  private final int limit;
  private final BodyBudget budget;
  private final Outcome outcome;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicLong counted = new AtomicLong();
  private final ByteArrayOutputStream body;
  private Scheduler.Task deadline;

  /** What became of a body: exactly one of these is called, once. */
  interface Outcome {
    void body(byte[] body);

    void failed(Throwable failure);

    void timedOut();

    void overBudget();
  }

  private BodyReader(Request request, int limit, BodyBudget budget, Outcome outcome) {
    this.request = request;
    this.limit = limit;
    this.budget = budget;
    this.outcome = outcome;
    // The buffer grows with what arrives, never with what the client claims: sized by
    // Content-Length, every connection announcing 1 MiB and sending a byte would hold 1 MiB.
    long length = request.getLength();
    this.body = new ByteArrayOutputStream(length > 0 ? (int) Math.min(length, INITIAL_BYTES)
        : 256);
  }

  /** Starts reading on the calling thread; the outcome may arrive on this or another thread. */
  static void read(Request request, int limit, long deadlineMillis, Scheduler scheduler,
      BodyBudget budget, Outcome outcome) {
    BodyReader reader = new BodyReader(request, limit, budget, outcome);
    reader.deadline = scheduler.schedule(reader::expire, deadlineMillis, TimeUnit.MILLISECONDS);
    reader.run();
  }

  /** Reads every chunk available now; when none is, asks to be run again when one is. */
  @Override
  public void run() {
    while (!finished.get()) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        if (finish()) {
          outcome.failed(chunk.getFailure());
        }
        return;
      }
      ByteBuffer buffer = chunk.getByteBuffer();
      int take = Math.min(buffer.remaining(), limit - body.size());
      long reserved = budget.reserve(body.size(), take);
      if (reserved < 0) {
        chunk.release();
        if (finish()) {
          outcome.overBudget();
        }
        return;
      }
      counted.addAndGet(reserved);
      if (finished.get()) {
        // Timed out meanwhile: what was just counted is released here.
        budget.release(counted.getAndSet(0));
      }
      append(buffer, take);
      boolean last = chunk.isLast() || body.size() >= limit;
      chunk.release();
      if (last) {
        if (finish()) {
          outcome.body(body.toByteArray());
        }
        return;
      }
    }
  }

  private void append(ByteBuffer buffer, int take) {
    byte[] bytes = new byte[take];
    buffer.get(bytes);
    body.write(bytes, 0, take);
  }

  private void expire() {
    if (finished.compareAndSet(false, true)) {
      budget.release(counted.getAndSet(0));
      outcome.timedOut();
    }
  }

  private boolean finish() {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    deadline.cancel();
    budget.release(counted.getAndSet(0));
    return true;
  }
}
