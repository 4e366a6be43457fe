package dev.portcullis.server.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections open at once from one source address and in all: a connection over
 * either cap is closed as soon as it opens, before anything is read from it. Counted on the
 * network connection only (not again on the HTTP connection inside TLS). An IPv6 source counts
 * by its /64 network: one host is routinely given a whole /64, so counting single IPv6
 * addresses would give one client 2^64 of them.
 */
public final class ConnectionCaps implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCaps.class);
  private final int perAddress;
  private final int total;
  private final Map<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
  private final Set<Connection> counted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();

  ConnectionCaps(int perAddress, int total) {
    this.perAddress = perAddress;
    this.total = total;
  }

  @Override
  public void onOpened(Connection connection) {
    if (!(connection.getEndPoint() instanceof SocketChannelEndPoint endPoint)) {
      return;
    }
    InetAddress address = source(addressOf(endPoint.getRemoteSocketAddress()));
    counted.add(connection);
    int fromAddress = byAddress.computeIfAbsent(address, a -> new AtomicInteger())
        .incrementAndGet();
    int all = open.incrementAndGet();
    if (fromAddress > perAddress || all > total) {
      LOG.debug("refused a connection from {}: {} from that address, {} in all", address,
          fromAddress, all);
      endPoint.close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    if (!counted.remove(connection)) {
      return;
    }
    open.decrementAndGet();
    InetAddress address = source(addressOf(connection.getEndPoint().getRemoteSocketAddress()));
    byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() == 0 ? null : n);
  }

  /**
   * What the per-address cap counts {@code address} as: an IPv4 address itself, an IPv6
   * address its /64 network. (Java already turns IPv4-mapped IPv6 sources into IPv4 ones.)
   */
  static InetAddress source(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] network = Arrays.copyOf(Arrays.copyOf(address.getAddress(), 8), 16);
    try {
      return InetAddress.getByAddress(network);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }

  /**
   * The source a per-address count keys {@code address} (an IP literal) by: an IPv4 address
   * itself, an IPv6 address its /64 network, written "network/64". Anything else as given.
   */
  public static String sourceKey(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return address;
    }
    int zone = address.indexOf('%');
    String literal = address.substring(address.startsWith("[") ? 1 : 0,
        zone >= 0 ? zone : address.endsWith("]") ? address.length() - 1 : address.length());
    if (!literal.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      return address;
    }
    try {
      // A literal of hex digits, colons and dots: parsed, never looked up in DNS.
      InetAddress parsed = InetAddress.getByName(literal);
      InetAddress network = source(parsed);
      return network instanceof Inet6Address ? network.getHostAddress() + "/64"
          : network.getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }

  private static InetAddress addressOf(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getAddress()
        : InetAddress.getLoopbackAddress();
  }
}
