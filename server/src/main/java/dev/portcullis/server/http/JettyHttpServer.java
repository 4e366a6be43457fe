package dev.portcullis.server.http;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The HTTP edge: Jetty's core API feeding {@link RawRequest}s to a handler function. */
public final class JettyHttpServer implements AutoCloseable {
  /**
   * Larger bodies are refused: the largest IAM input (a policy document) is far smaller. At
   * most one byte more is read, so that the handler can tell a body was too large.
   */
  public static final int MAX_BODY_BYTES = 1 << 20;
  private final Server server;
  private final ServerConnector connector;

  public JettyHttpServer(String host, int port, Function<RawRequest, RawResponse> handler) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("portcullis-http");
    server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Adapter(handler));
  }

  public void start() throws Exception {
    server.start();
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static final class Adapter extends Handler.Abstract {
    private final Function<RawRequest, RawResponse> handler;

    Adapter(Function<RawRequest, RawResponse> handler) {
      this.handler = handler;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
        throws Exception {
      byte[] body;
      try (InputStream in = Content.Source.asInputStream(request)) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      Map<String, List<String>> headers = new HashMap<>();
      for (HttpField f : request.getHeaders()) {
        headers.computeIfAbsent(f.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
            .add(f.getValue());
      }
      RawRequest raw = new RawRequest(request.getMethod(), request.getHttpURI().getPath(),
          request.getHttpURI().getQuery(), headers, body, Request.getRemoteAddr(request),
          request.isSecure());
      RawResponse out = handler.apply(raw);
      response.setStatus(out.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, out.contentType());
      response.getHeaders().put("x-amzn-RequestId", out.requestId());
      response.write(true, ByteBuffer.wrap(out.body()), callback);
      return true;
    }
  }
}
