package dev.portcullis.server.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose client has begun a request but not finished its headers within the
 * deadline, however steadily it trickles bytes (an idle timeout alone lets a client sending a
 * byte a second hold a connection for hours). A request has begun when bytes arrive while every
 * earlier request on the connection has been answered; its headers are in when Jetty counts it.
 * Answered means the handler completed it ({@link #handling}, {@link #answered}): Jetty's count
 * of responses also counts interim ones (100 Continue), which would leave the next request
 * looking answered before it began.
 * A TLS handshake is held to the same deadline: until it succeeds, the TLS connection is watched
 * as a request that has begun with its first byte (the HTTP connection inside it sees nothing
 * yet). Checked by one timer for all connections, so the deadline holds to within a sweep period.
 */
final class RequestHeaderDeadline implements Connection.Listener, SslHandshakeListener {
  static final long SWEEP_MILLIS = 500;
  private final long deadlineNanos;
  private final Map<Connection, Progress> connections = new ConcurrentHashMap<>();
  private final Map<SSLEngine, SslConnection> handshaking = new ConcurrentHashMap<>();
  private volatile Scheduler.Task sweep;
  private volatile boolean stopped;

  RequestHeaderDeadline(long deadlineMillis) {
    this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
  }

  /** What a connection had received at the last sweep, and since when a request is pending. */
  private static final class Progress {
    long bytesIn;
    long requests;
    long pendingSince = -1;
    final AtomicInteger handling = new AtomicInteger();

    Progress(long requests) {
      this.requests = requests;
    }
  }

  /** The handler has a request of this connection: its body has its own deadline. */
  void handling(Connection connection) {
    Progress p = connections.get(connection);
    if (p != null) {
      p.handling.incrementAndGet();
    }
  }

  /** The handler is done with a request of this connection, answered or failed. */
  void answered(Connection connection) {
    Progress p = connections.get(connection);
    if (p != null) {
      p.handling.decrementAndGet();
    }
  }

  void start(Scheduler scheduler) {
    if (stopped) {
      return;
    }
    sweep = scheduler.schedule(() -> {
      sweep(System.nanoTime());
      start(scheduler);
    }, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  void stop() {
    stopped = true;
    Scheduler.Task task = sweep;
    if (task != null) {
      task.cancel();
    }
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof SslConnection ssl) {
      handshaking.put(ssl.getSSLEngine(), ssl);
    }
    connections.put(connection, new Progress(connection.getMessagesIn()));
  }

  @Override
  public void onClosed(Connection connection) {
    connections.remove(connection);
    if (connection instanceof SslConnection ssl) {
      handshaking.remove(ssl.getSSLEngine());
    }
  }

  /** Once the handshake is done, the HTTP connection inside is watched instead. */
  @Override
  public void handshakeSucceeded(Event event) {
    SslConnection ssl = handshaking.remove(event.getSSLEngine());
    if (ssl != null) {
      connections.remove(ssl);
    }
  }

  private void sweep(long now) {
    connections.forEach((connection, p) -> {
      long requests = connection.getMessagesIn();
      long bytes = connection.getBytesIn();
      if (requests != p.requests || p.handling.get() > 0) {
        // Headers of a new request are in, or a request is being read or answered: the body
        // has its own deadline.
        p.requests = requests;
        p.bytesIn = bytes;
        p.pendingSince = -1;
      } else if (p.pendingSince < 0) {
        if (bytes != p.bytesIn) {
          p.pendingSince = now;
        }
      } else if (now - p.pendingSince > deadlineNanos) {
        connections.remove(connection);
        connection.getEndPoint().close();
      }
    });
  }
}
