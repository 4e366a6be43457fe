package dev.portcullis.server.http;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How much of the server one client may hold: time to send a request, connections open at
 * once. These bound what a slow or hostile client costs, since no worker thread waits on it.
 *
 * @param requestReadTimeout time allowed for a request's headers, and for a small body once the
 *     headers are in
 * @param minBodyBytesPerSecond the slowest body transfer accepted, either way: a body of n
 *     bytes gets {@code requestReadTimeout + n / minBodyBytesPerSecond} to arrive, and a
 *     response of n bytes as long to be read by the client
 * @param idleTimeout how long a connection may sit with nothing sent either way
 * @param maxConnectionsPerAddress connections open at once from one source address
 * @param maxConnections connections open at once in all
 * @param bodyBufferBytes memory the request bodies still arriving may hold at once, beyond the
 *     first 16 KiB of each (see {@link BodyBudget})
 */
public record EdgeLimits(Duration requestReadTimeout, long minBodyBytesPerSecond,
    Duration idleTimeout, int maxConnectionsPerAddress, int maxConnections,
    long bodyBufferBytes) {

  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
  public static final int DEFAULT_MAX_CONNECTIONS = 4096;
  /** File descriptors kept for the database, the jars, logs and the JDK, beyond connections. */
  static final int RESERVED_FILES = 256;
  public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(5);

  public EdgeLimits {
    if (requestReadTimeout.isNegative() || requestReadTimeout.isZero()
        || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (minBodyBytesPerSecond < 1 || maxConnectionsPerAddress < 1 || maxConnections < 1
        || bodyBufferBytes < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
  }

  /**
   * 5 s to send a request (plus 1 s per 16 KiB of body), 30 s idle, 64 per address, 4096 (or
   * fewer, below the process's open-file limit), and a quarter of the heap for bodies arriving.
   */
  public static EdgeLimits defaults() {
    return new EdgeLimits(DEFAULT_REQUEST_READ_TIMEOUT, 16 * 1024, Duration.ofSeconds(30),
        DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, maxConnectionsFor(openFileLimit()),
        Runtime.getRuntime().maxMemory() / 4);
  }

  /**
   * The default cap on connections for a process that may open {@code fileLimit} files: past
   * that limit the server could not accept anyone (nor open a file), so connections stop
   * {@value #RESERVED_FILES} short of it, and every one beyond is closed at once instead.
   */
  static int maxConnectionsFor(long fileLimit) {
    return (int) Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, fileLimit - RESERVED_FILES));
  }

  private static long openFileLimit() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
  }

  /** These limits with another per-request read timeout. */
  public EdgeLimits withRequestReadTimeout(Duration timeout) {
    return new EdgeLimits(timeout, minBodyBytesPerSecond, idleTimeout, maxConnectionsPerAddress,
        maxConnections, bodyBufferBytes);
  }

  /** These limits with other connection caps. */
  public EdgeLimits withConnectionCaps(int perAddress, int total) {
    return new EdgeLimits(requestReadTimeout, minBodyBytesPerSecond, idleTimeout, perAddress,
        total, bodyBufferBytes);
  }

  /** These limits with another memory budget for bodies arriving. */
  public EdgeLimits withBodyBufferBytes(long bytes) {
    return new EdgeLimits(requestReadTimeout, minBodyBytesPerSecond, idleTimeout,
        maxConnectionsPerAddress, maxConnections, bytes);
  }

  /**
   * The time a client has to read a response of {@code bytes} bytes: a client reading a byte
   * now and then would otherwise hold its connection and the response's memory indefinitely.
   */
  long responseDeadlineMillis(long bytes) {
    return requestReadTimeout.toMillis() + 1000 * bytes / minBodyBytesPerSecond;
  }

  /** The time allowed to receive a body of {@code contentLength} bytes once headers are in. */
  long bodyDeadlineMillis(long contentLength) {
    long length = contentLength < 0 ? JettyHttpServer.MAX_BODY_BYTES : contentLength;
    return requestReadTimeout.toMillis() + 1000 * Math.min(length, JettyHttpServer.MAX_BODY_BYTES)
        / minBodyBytesPerSecond;
  }
}
