package dev.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.tls.SelfSignedCertificate;
import dev.portcullis.server.tls.TlsIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks on the HTTP edge found in review, beyond those {@link SlowClientTest} covers: what a
 * client only claims must not cost the server, bodies arriving share a memory budget, and a
 * TLS handshake has a deadline too. Every test is bounded in time.
 */
@Timeout(30)
class SlowClientAttackTest {
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

  private void start(EdgeLimits limits, Optional<TlsIdentity> tls) throws Exception {
    server = new JettyHttpServer("127.0.0.1", 0, limits, tls,
        request -> new RawResponse(200, "text/plain",
            ("got " + request.body().length).getBytes(StandardCharsets.UTF_8), "r"));
    server.start();
  }

  @Test
  void claimedContentLengths_withoutTheirBodies_doNotReserveMemory() throws Exception {
    start(EdgeLimits.defaults().withConnectionCaps(1000, 1000), Optional.empty());
    long before = usedHeapAfterGc();
    // Each connection claims the largest body accepted and sends one byte of it.
    for (int i = 0; i < 150; i++) {
      Socket s = connect("127.0.0.1");
      s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
          + JettyHttpServer.MAX_BODY_BYTES + "\r\n\r\nA").getBytes(StandardCharsets.US_ASCII));
    }
    Thread.sleep(500);

    long grown = usedHeapAfterGc() - before;

    assertThat(grown).as("heap held by 150 one-byte bodies").isLessThan(32L << 20);
  }

  @Test
  void partialBodies_beyondTheBodyBudget_areAnsweredServiceUnavailable() throws Exception {
    // Thousands of connections each sending most of a 1 MiB body would hold gigabytes.
    start(EdgeLimits.defaults().withConnectionCaps(1000, 1000).withBodyBufferBytes(2 << 20),
        Optional.empty());
    byte[] head = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + JettyHttpServer.MAX_BODY_BYTES + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    List<Socket> senders = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Socket s = connect("127.0.0.1");
      senders.add(s);
      s.getOutputStream().write(head);
    }
    // 512 KiB each, one connection after the other: four fit in 2 MiB, the others do not.
    for (Socket s : senders) {
      try {
        for (int k = 0; k < 8; k++) {
          s.getOutputStream().write(new byte[64 * 1024]);
        }
      } catch (SocketException e) {
        // Refused while still sending: the answer is read below.
      }
      Thread.sleep(100);
    }

    List<String> answers = new ArrayList<>();
    for (Socket s : senders) {
      s.setSoTimeout(300);
      try {
        answers.add(readUntil(s, "</ErrorResponse>"));
      } catch (SocketTimeoutException e) {
        answers.add("still reading");
      } catch (SocketException e) {
        answers.add("reset"); // closed with the rest of its body unread
      }
    }

    // (However the server interleaves their reads, no more than four fit.)
    assertThat(answers).filteredOn(a -> a.equals("still reading")).hasSizeLessThanOrEqualTo(4);
    assertThat(answers).filteredOn(a -> !a.equals("still reading") && !a.equals("reset"))
        .isNotEmpty().allSatisfy(a -> assertThat(a).startsWith("HTTP/1.1 503")
            .contains("<Code>ServiceUnavailable</Code>").contains("Connection: close"));
    // The first 16 KiB of a body are not counted: small requests are still served.
    Socket small = connect("127.0.0.1");
    small.setSoTimeout(2000);
    small.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Length: 10\r\n\r\nAction=Get").getBytes(StandardCharsets.US_ASCII));
    assertThat(readUntil(small, "got 10")).startsWith("HTTP/1.1 200");
  }

  @Test
  void trickledTlsHandshake_pastTheReadDeadline_closesTheConnection() throws Exception {
    start(EdgeLimits.defaults().withRequestReadTimeout(Duration.ofSeconds(1)),
        Optional.of(SelfSignedCertificate.create("127.0.0.1")));
    Socket s = connect("127.0.0.1");
    OutputStream out = s.getOutputStream();
    // A TLS handshake record header announcing 512 bytes, then its bytes one every 100 ms:
    // never idle, never a complete ClientHello.
    out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
    Trickle trickle = Trickle.until(s, 0);

    assertThat(trickle.closed()).as("connection closed by the server").isTrue();
    assertThat(trickle.elapsed()).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void trickledHeaders_afterAnExpectContinueRequest_closeTheConnection() throws Exception {
    start(EdgeLimits.defaults().withRequestReadTimeout(Duration.ofSeconds(1)), Optional.empty());
    Socket s = connect("127.0.0.1");
    s.setSoTimeout(3000);
    OutputStream out = s.getOutputStream();
    out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
        + "Content-Length: 10\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    assertThat(readUntil(s, "\r\n\r\n")).startsWith("HTTP/1.1 100");
    out.write("Action=Get".getBytes(StandardCharsets.US_ASCII));
    assertThat(readUntil(s, "got 10")).startsWith("HTTP/1.1 200");

    // The interim 100 answer must not count as the answer to a request still to come.
    out.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
    Trickle trickle = Trickle.until(s, 'X');

    assertThat(trickle.closed()).as("connection closed by the server").isTrue();
    assertThat(trickle.elapsed()).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void slowReader_pastItsResponseDeadline_isDisconnected() throws Exception {
    // 1 s plus 1 s per 4 MiB: an 8 MiB answer must be read within 3 s. One connection per
    // address, so that the slow reader's connection is seen to be given up.
    EdgeLimits limits = new EdgeLimits(Duration.ofSeconds(1), 4 << 20, Duration.ofSeconds(30),
        1, 100, 64 << 20);
    server = new JettyHttpServer("127.0.0.1", 0, limits, Optional.empty(),
        request -> new RawResponse(200, "text/plain", request.rawPath().equals("/big")
            ? new byte[8 << 20] : "small".getBytes(StandardCharsets.UTF_8), "r"));
    server.start();
    Socket slow = new Socket();
    sockets.add(slow);
    slow.setReceiveBufferSize(4096);
    slow.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    slow.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
    slow.getOutputStream().write("GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));

    long start = System.nanoTime();
    boolean servedAnother = false;
    byte[] sip = new byte[1024];
    // Reads 10 KiB/s, never idle, and tries another connection from its address meanwhile.
    for (int i = 0; i < 80 && !servedAnother; i++) {
      slow.getInputStream().read(sip);
      Thread.sleep(100);
      if (i % 5 == 4) {
        Socket other = connect("127.0.0.1");
        other.setSoTimeout(1000);
        other.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        try {
          servedAnother = readUntil(other, "small").startsWith("HTTP/1.1 200");
        } catch (SocketException | SocketTimeoutException e) {
          servedAnother = false;
        }
        other.close();
      }
    }

    assertThat(servedAnother).as("the slow reader's connection was given up").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void defaultConnectionCap_staysBelowTheOpenFileLimit() {
    // With `ulimit -n 400` and the cap at 4096, 450 stalled connections left a legitimate
    // request waiting 4 s for a file descriptor ("Too many open files" at accept).
    assertThat(EdgeLimits.maxConnectionsFor(400)).isEqualTo(144);
    assertThat(EdgeLimits.maxConnectionsFor(1024)).isEqualTo(768);
    assertThat(EdgeLimits.maxConnectionsFor(1 << 20)).isEqualTo(4096);
    long fileLimit = ((com.sun.management.UnixOperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
    assertThat((long) EdgeLimits.defaults().maxConnections()).isLessThanOrEqualTo(
        fileLimit - EdgeLimits.RESERVED_FILES);
  }

  @Test
  void perAddressCap_countsAnIpv6Slash64AsOneSource() throws Exception {
    // A host is routinely given a /64: counted by single address, one client has 2^64 caps.
    InetAddress first = InetAddress.getByName("2001:db8:1:2::1");
    InetAddress sameNetwork = InetAddress.getByName("2001:db8:1:2:ffff:eeee:dddd:cccc");
    InetAddress nextNetwork = InetAddress.getByName("2001:db8:1:3::1");

    assertThat(ConnectionCaps.source(sameNetwork)).isEqualTo(ConnectionCaps.source(first))
        .isNotEqualTo(ConnectionCaps.source(nextNetwork));
    assertThat(ConnectionCaps.source(InetAddress.getByName("127.0.0.2")))
        .isNotEqualTo(ConnectionCaps.source(InetAddress.getByName("127.0.0.3")));
    assertThat(ConnectionCaps.source(InetAddress.getByName("::ffff:127.0.0.2")))
        .isEqualTo(ConnectionCaps.source(InetAddress.getByName("127.0.0.2")));
  }

  private static String readUntil(Socket s, String end) throws IOException {
    StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith(end)) {
      int b = s.getInputStream().read();
      if (b < 0) {
        break;
      }
      text.append((char) b);
    }
    return text.toString();
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private Socket connect(String source) throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
    return s;
  }

}
