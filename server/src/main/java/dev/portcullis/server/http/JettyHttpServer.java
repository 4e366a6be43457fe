package dev.portcullis.server.http;

import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.server.tls.TlsIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The HTTP edge: Jetty's core API feeding {@link RawRequest}s to a handler function, over plain
 * HTTP or TLS. A worker thread runs the handler only once the whole body is in: bodies are read
 * as they arrive, without a thread waiting on a slow client, within the {@link EdgeLimits}.
 */
public final class JettyHttpServer implements AutoCloseable {
  /**
   * Larger bodies are refused: the largest IAM input (a policy document) is far smaller. At
   * most one byte more is read, so that the handler can tell a body was too large.
   */
  public static final int MAX_BODY_BYTES = 1 << 20;
  private static final int ACCEPT_QUEUE = 1024;
  private final Server server;
  private final ServerConnector connector;
  private final RequestHeaderDeadline headerDeadline;

  /** A plain-HTTP server with the default limits. */
  public JettyHttpServer(String host, int port, Function<RawRequest, RawResponse> handler) {
    this(host, port, EdgeLimits.defaults(), Optional.empty(), handler, EdgeRefusals.UNRECORDED);
  }

  /** A server with these limits, over TLS when {@code tls} is present. */
  public JettyHttpServer(String host, int port, EdgeLimits limits, Optional<TlsIdentity> tls,
      Function<RawRequest, RawResponse> handler) {
    this(host, port, limits, tls, handler, EdgeRefusals.UNRECORDED);
  }

  /**
   * A server with these limits, over TLS when {@code tls} is present, telling {@code refusals}
   * of every request it answers without the handler.
   */
  public JettyHttpServer(String host, int port, EdgeLimits limits, Optional<TlsIdentity> tls,
      Function<RawRequest, RawResponse> handler, EdgeRefusals refusals) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("portcullis-http");
    server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setIdleTimeout(limits.idleTimeout().toMillis());
    List<ConnectionFactory> factories = new ArrayList<>();
    tls.ifPresent(identity -> {
      // Clients reach a server by address as often as by name: a certificate that does not
      // name what the client sent as SNI is the client's to judge, not a reason to refuse.
      config.addCustomizer(new SecureRequestCustomizer(false));
      factories.add(new SslConnectionFactory(sslContext(identity), HttpVersion.HTTP_1_1.asString()));
    });
    factories.add(new HttpConnectionFactory(config));
    connector = new ServerConnector(server, factories.toArray(new ConnectionFactory[0]));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    // Java's default backlog of 50 overflows in a burst of connections (many clients, or one
    // flooding): the kernel then drops SYNs and each client waits a second for its retry.
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    connector.addBean(new ConnectionCaps(limits.maxConnectionsPerAddress(),
        limits.maxConnections()));
    headerDeadline = new RequestHeaderDeadline(limits.requestReadTimeout().toMillis());
    connector.addBean(headerDeadline);
    server.addConnector(connector);
    server.setHandler(new Adapter(handler, refusals, limits, headerDeadline));
  }

  private static SslContextFactory.Server sslContext(TlsIdentity identity) {
    // The key store lives only in memory; its password protects nothing on disk.
    char[] password = UUID.randomUUID().toString().toCharArray();
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(identity.keyStore(password));
    ssl.setKeyStorePassword(new String(password));
    return ssl;
  }

  public void start() throws Exception {
    server.start();
    headerDeadline.start(server.getScheduler());
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    headerDeadline.stop();
    server.stop();
  }

  private static final class Adapter extends Handler.Abstract {
    /**
     * Answered when a body does not arrive in time, in the Query protocol's error envelope with
     * the code and wording AWS (S3) uses for it; the connection is closed after it.
     */
    private static final String TIMEOUT = "Your socket connection to the server was not "
        + "read from or written to within the timeout period. Idle connections will be closed.";
    /**
     * Answered when the bodies arriving at once hold the whole {@link BodyBudget}: 503, which
     * the AWS SDKs retry with backoff; the connection is closed after it.
     */
    private static final String BUSY = "The server is receiving too many large request bodies "
        + "at once. Retry the request later.";
    private final Function<RawRequest, RawResponse> handler;
    private final EdgeRefusals refusals;
    private final EdgeLimits limits;
    private final RequestHeaderDeadline headerDeadline;
    private final BodyBudget budget;

    Adapter(Function<RawRequest, RawResponse> handler, EdgeRefusals refusals, EdgeLimits limits,
        RequestHeaderDeadline headerDeadline) {
      this.handler = handler;
      this.refusals = refusals;
      this.limits = limits;
      this.headerDeadline = headerDeadline;
      this.budget = new BodyBudget(limits.bodyBufferBytes());
    }

    @Override
    public boolean handle(Request request, Response response, Callback done) {
      Connection connection = request.getConnectionMetaData().getConnection();
      headerDeadline.handling(connection);
      Callback callback = Callback.from(done, () -> headerDeadline.answered(connection));
      Scheduler scheduler = request.getComponents().getScheduler();
      BodyReader.read(request, MAX_BODY_BYTES + 1, limits.bodyDeadlineMillis(request.getLength()),
          scheduler, budget, new BodyReader.Outcome() {
            @Override
            public void body(byte[] body) {
              respond(request, body, response, callback);
            }

            @Override
            public void failed(Throwable failure) {
              callback.failed(failure);
            }

            @Override
            public void timedOut() {
              refuse(request, response, callback, ErrorCode.REQUEST_TIMEOUT, TIMEOUT);
            }

            @Override
            public void overBudget() {
              refuse(request, response, callback, ErrorCode.SERVICE_UNAVAILABLE, BUSY);
            }
          });
      return true;
    }

    private static RawRequest raw(Request request, byte[] body) {
      Map<String, List<String>> headers = new HashMap<>();
      for (HttpField f : request.getHeaders()) {
        headers.computeIfAbsent(f.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
            .add(f.getValue());
      }
      return new RawRequest(request.getMethod(), request.getHttpURI().getPath(),
          request.getHttpURI().getQuery(), headers, body, Request.getRemoteAddr(request),
          request.isSecure(), tls(request));
    }

    private void respond(Request request, byte[] body, Response response, Callback callback) {
      RawRequest raw = raw(request, body);
      RawResponse out;
      try {
        out = handler.apply(raw);
      } catch (RuntimeException | Error e) {
        // Run from a demand callback, nothing above would see it: fail the request here.
        callback.failed(e);
        return;
      }
      response.setStatus(out.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, out.contentType());
      response.getHeaders().put("x-amzn-RequestId", out.requestId());
      for (RawResponse.Header h : out.headers()) {
        response.getHeaders().add(h.name(), h.value());
      }
      // A client too slow to read its answer is disconnected: closing the connection fails
      // the pending write, which completes the request.
      Scheduler.Task giveUp = request.getComponents().getScheduler().schedule(
          () -> request.getConnectionMetaData().getConnection().getEndPoint().close(),
          limits.responseDeadlineMillis(out.body().length), TimeUnit.MILLISECONDS);
      response.write(true, ByteBuffer.wrap(out.body()), Callback.from(callback, giveUp::cancel));
    }

    /** The TLS session's protocol and cipher suite, as SecureRequestCustomizer records them. */
    private static RawRequest.Tls tls(Request request) {
      if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
          instanceof EndPoint.SslSessionData ssl && ssl.sslSession() != null) {
        return new RawRequest.Tls(ssl.sslSession().getProtocol(), ssl.cipherSuite());
      }
      return null;
    }

    /**
     * Answers {@code code} without the handler and closes; the refusal is recorded like any
     * call and answered in the form its service speaks.
     */
    private void refuse(Request request, Response response, Callback callback, ErrorCode code,
        String message) {
      RawResponse out;
      try {
        out = refusals.refused(raw(request, new byte[0]), code, message);
      } catch (RuntimeException e) {
        out = EdgeRefusals.UNRECORDED.refused(raw(request, new byte[0]), code, message);
      }
      response.setStatus(out.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, out.contentType());
      response.getHeaders().put("x-amzn-RequestId", out.requestId());
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      response.write(true, ByteBuffer.wrap(out.body()), callback);
    }
  }
}
