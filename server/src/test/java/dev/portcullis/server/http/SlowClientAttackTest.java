package dev.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.tls.TlsIdentity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks on the HTTP edge found in review, beyond those {@link SlowClientTest} covers: what a
 * client only claims must not cost the server. Every
 * test is bounded in time.
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
