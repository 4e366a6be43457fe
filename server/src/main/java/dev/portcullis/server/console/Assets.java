package dev.portcullis.server.console;

import dev.portcullis.server.http.RawResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The console's static files, served by Portcullis itself (no CDN): a fixed list read from the
 * class path once, so no request path can name any other file.
 */
final class Assets {
  static final String PREFIX = "/assets/";
  private static final Map<String, String> TYPES = Map.of(
      "console.css", "text/css; charset=utf-8",
      "passkeys.js", "text/javascript; charset=utf-8",
      "console-passkeys.js", "text/javascript; charset=utf-8");
  private static final Map<String, byte[]> FILES = load();

  private Assets() {}

  static RawResponse serve(String path, String requestId) {
    String name = path.substring(PREFIX.length());
    byte[] body = FILES.get(name);
    if (body == null) {
      return new RawResponse(404, "text/plain; charset=utf-8", new byte[0], requestId,
          List.of(new RawResponse.Header("X-Content-Type-Options", "nosniff")));
    }
    return ConsoleHttp.asset(TYPES.get(name), body.clone(), requestId);
  }

  private static Map<String, byte[]> load() {
    java.util.HashMap<String, byte[]> files = new java.util.HashMap<>();
    for (String name : TYPES.keySet()) {
      // The scripts live in assets/ beside this class, the style sheet beside it.
      InputStream found = Assets.class.getResourceAsStream("assets/" + name);
      try (InputStream in = found != null ? found : Assets.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing console asset " + name);
        }
        files.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Map.copyOf(files);
  }
}
