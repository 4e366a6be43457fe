package dev.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow and hostile clients against the HTTP edge: a client trickling its request cannot hold a
 * worker thread, is dropped at its deadline, and one address cannot take every connection.
 * Every test is bounded in time.
 */
@Timeout(30)
class SlowClientTest {
  private static final String STALLED_HEAD = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\n";
  private final List<Socket> sockets = new ArrayList<>();
  private JettyHttpServer server;

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start(EdgeLimits limits) throws Exception {
    server = new JettyHttpServer("127.0.0.1", 0, limits, Optional.empty(),
        request -> new RawResponse(200, "text/plain",
            ("got " + request.body().length).getBytes(StandardCharsets.UTF_8), "r"));
    server.start();
  }

  @Test
  void stalledBodies_beyondTheWorkerThreads_doNotDelayOtherRequests() throws Exception {
    start(EdgeLimits.defaults());
    // 200 stalled bodies, more than the 64 worker threads, spread over source addresses so
    // that the per-address cap does not refuse them (Linux routes all of 127/8 to loopback).
    for (int i = 0; i < 200; i++) {
      Socket s = connect("127.0.0." + (2 + i % 50));
      s.getOutputStream().write((STALLED_HEAD + "A").getBytes(StandardCharsets.US_ASCII));
    }
    Thread.sleep(300);

    long start = System.nanoTime();
    String answer = exchange(connect("127.0.0.1"), "Action=Get", Duration.ofSeconds(3));

    assertThat(answer).startsWith("HTTP/1.1 200").endsWith("got 10");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void stalledBody_pastTheReadDeadline_isAnsweredRequestTimeoutAndClosed() throws Exception {
    start(EdgeLimits.defaults().withRequestReadTimeout(Duration.ofSeconds(1)));
    Socket s = connect("127.0.0.1");
    s.getOutputStream().write((STALLED_HEAD + "A").getBytes(StandardCharsets.US_ASCII));
    s.setSoTimeout(5000);

    long start = System.nanoTime();
    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>RequestTimeout</Code>")
        .contains("Connection: close");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void trickledHeaders_pastTheReadDeadline_closeTheConnection() throws Exception {
    start(EdgeLimits.defaults().withRequestReadTimeout(Duration.ofSeconds(1)));
    Socket s = connect("127.0.0.1");
    OutputStream out = s.getOutputStream();
    out.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
    Trickle trickle = Trickle.until(s, 'X');

    assertThat(trickle.closed()).as("connection closed by the server").isTrue();
    assertThat(trickle.elapsed()).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void slowButSteadyBody_withinItsDeadline_isServed() throws Exception {
    start(EdgeLimits.defaults().withRequestReadTimeout(Duration.ofSeconds(2)));
    Socket s = connect("127.0.0.1");
    OutputStream out = s.getOutputStream();
    out.write(STALLED_HEAD.getBytes(StandardCharsets.US_ASCII));
    for (char c : "Action=Get".toCharArray()) {
      out.write(c);
      out.flush();
      Thread.sleep(50);
    }
    s.setSoTimeout(3000);

    assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200").endsWith("got 10");
  }

  @Test
  void connectionsFromOneAddress_beyondTheCap_areClosedAtOnce() throws Exception {
    start(EdgeLimits.defaults().withConnectionCaps(4, 100));
    for (int i = 0; i < 4; i++) {
      connect("127.0.0.1").getOutputStream().write(STALLED_HEAD.getBytes(
          StandardCharsets.US_ASCII));
    }
    Thread.sleep(200);

    Socket refused = connect("127.0.0.1");
    refused.setSoTimeout(2000);
    assertThat(refused.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
    assertThat(exchange(connect("127.0.0.2"), "Action=Get", Duration.ofSeconds(2)))
        .startsWith("HTTP/1.1 200");

    sockets.get(0).close();
    Thread.sleep(200);
    assertThat(exchange(connect("127.0.0.1"), "Action=Get", Duration.ofSeconds(2)))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void connectionsInAll_beyondTheCap_areClosedAtOnce() throws Exception {
    start(EdgeLimits.defaults().withConnectionCaps(64, 3));
    for (int i = 0; i < 3; i++) {
      connect("127.0.0." + (2 + i)).getOutputStream().write(STALLED_HEAD.getBytes(
          StandardCharsets.US_ASCII));
    }
    Thread.sleep(200);

    Socket refused = connect("127.0.0.9");
    refused.setSoTimeout(2000);
    assertThat(refused.getInputStream().read()).isEqualTo(-1);
  }

  private Socket connect(String source) throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
    return s;
  }

  private static String exchange(Socket s, String body, Duration timeout) throws IOException {
    s.setSoTimeout((int) timeout.toMillis());
    s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
    return readResponse(s.getInputStream());
  }

  /** One response with a Content-Length body. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    while (!text.toString().contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return text.toString();
      }
      text.append((char) b);
    }
    String head = text.toString();
    int at = head.toLowerCase().indexOf("content-length: ");
    int length = Integer.parseInt(head.substring(at + 16, head.indexOf('\r', at)));
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

}
