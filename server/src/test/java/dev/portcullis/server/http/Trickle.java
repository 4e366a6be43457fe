package dev.portcullis.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A client that sends one byte every 100 ms (never idle, never done) for up to 6 s, until the
 * server closes the connection: how the read deadlines are seen to hold.
 */
record Trickle(boolean closed, Duration elapsed) {

  /** Trickles {@code b} on {@code s} until the server closes it or 6 s have passed. */
  static Trickle until(Socket s, int b) throws IOException, InterruptedException {
    OutputStream out = s.getOutputStream();
    long start = System.nanoTime();
    boolean closed = false;
    for (int i = 0; i < 60 && !closed; i++) {
      try {
        out.write(b);
        out.flush();
        Thread.sleep(100);
      } catch (SocketException e) {
        closed = true;
      }
      closed = closed || closedByServer(s);
    }
    return new Trickle(closed, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Whether the server has closed {@code s}, looking for at most a millisecond. */
  static boolean closedByServer(Socket s) throws IOException {
    s.setSoTimeout(1);
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }
}
