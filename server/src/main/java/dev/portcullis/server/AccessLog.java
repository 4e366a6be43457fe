package dev.portcullis.server;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One line per request on standard error, written by a background thread in batches every few
 * milliseconds, so that request threads never wait on the terminal or a pipe, nor wake the
 * writer for each line. Lines carry no secrets: the caller's access key id, never a signature
 * or a parameter value. Fields are separated by spaces; a field whose text comes from the client
 * goes through {@link #field} so that it cannot forge another field or line.
 */
public final class AccessLog implements AutoCloseable {
  private static final long BATCH_MILLIS = 20;
  private static final int MAX_PENDING = 100_000;
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean stopping;
  private final Thread writer;
  private final OutputStream out;

  AccessLog() {
    this(new FileOutputStream(FileDescriptor.err));
  }

  AccessLog(OutputStream out) {
    this.out = out;
    writer = new Thread(this::drain, "portcullis-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Client-supplied text as one log field: at most 64 characters, with every character outside
   * a small safe set (letters, digits and {@code - _ . : / @}) percent-encoded as UTF-8, so a
   * space, a quote, an {@code =} or a line break in it cannot start another field or line.
   * {@code -} stands for no value.
   */
  public static String field(String clientText) {
    if (clientText == null || clientText.isEmpty()) {
      return "-";
    }
    String text = clientText.length() > 64 ? clientText.substring(0, 64) : clientText;
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_.:/@".indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return clientText.length() > 64 ? out.append("...").toString() : out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** Queues a line; if the writer has fallen 100,000 lines behind, the line is dropped. */
  void log(String line) {
    if (pending.incrementAndGet() <= MAX_PENDING) {
      lines.add(line);
    } else {
      pending.decrementAndGet();
    }
  }

  private void drain() {
    StringBuilder text = new StringBuilder(1 << 16);
    try {
      while (true) {
        boolean last = stopping;
        for (String line = lines.poll(); line != null; line = lines.poll()) {
          pending.decrementAndGet();
          text.append(line).append('\n');
          if (text.length() > (1 << 16)) {
            write(text);
          }
        }
        write(text);
        if (last) {
          return;
        }
        Thread.sleep(BATCH_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // Standard error is gone: nothing left to log to.
    }
  }

  private void write(StringBuilder text) throws IOException {
    if (text.length() > 0) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      text.setLength(0);
    }
  }

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    writer.join(TimeUnit.SECONDS.toMillis(5));
  }
}
