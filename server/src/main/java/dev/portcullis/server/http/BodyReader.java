package dev.portcullis.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while the client is slow: it reads what has
 * arrived, then asks Jetty to call back when more does, and gives up at a deadline. At most
 * {@code limit} bytes are kept; the read stops there, so that the handler can tell the body was
 * too large. Exactly one of the outcomes happens: the body, a failure, or the timeout.
 */
final class BodyReader implements Runnable {
  private static final int INITIAL_BYTES = 8 * 1024;
  private final Request request;
  private final int limit;
  private final Consumer<byte[]> onBody;
  private final Consumer<Throwable> onFailure;
  private final Runnable onTimeout;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final ByteArrayOutputStream body;
  private Scheduler.Task deadline;

  private BodyReader(Request request, int limit, Consumer<byte[]> onBody,
      Consumer<Throwable> onFailure, Runnable onTimeout) {
    this.request = request;
    this.limit = limit;
    this.onBody = onBody;
    this.onFailure = onFailure;
    this.onTimeout = onTimeout;
    // The buffer grows with what arrives, never with what the client claims: sized by
    // Content-Length, every connection announcing 1 MiB and sending a byte would hold 1 MiB.
    long length = request.getLength();
    this.body = new ByteArrayOutputStream(length > 0 ? (int) Math.min(length, INITIAL_BYTES)
        : 256);
  }

  /** Starts reading on the calling thread; the outcome may arrive on this or another thread. */
  static void read(Request request, int limit, long deadlineMillis, Scheduler scheduler,
      Consumer<byte[]> onBody, Consumer<Throwable> onFailure, Runnable onTimeout) {
    BodyReader reader = new BodyReader(request, limit, onBody, onFailure, onTimeout);
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
          onFailure.accept(chunk.getFailure());
        }
        return;
      }
      boolean full = append(chunk.getByteBuffer());
      boolean last = chunk.isLast() || full;
      chunk.release();
      if (last) {
        if (finish()) {
          onBody.accept(body.toByteArray());
        }
        return;
      }
    }
  }

  /** Keeps at most {@code limit} bytes; true once the limit is passed. */
  private boolean append(ByteBuffer buffer) {
    int take = Math.min(buffer.remaining(), limit - body.size());
    byte[] bytes = new byte[take];
    buffer.get(bytes);
    body.write(bytes, 0, take);
    return body.size() >= limit;
  }

  private void expire() {
    if (finished.compareAndSet(false, true)) {
      onTimeout.run();
    }
  }

  private boolean finish() {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    deadline.cancel();
    return true;
  }
}
