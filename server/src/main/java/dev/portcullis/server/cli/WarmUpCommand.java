package dev.portcullis.server.cli;

import dev.portcullis.protocol.sigv4.SigV4Signer;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code portcullis warm-up}: starts a throw-away server, sends it signed requests and stops.
 * The launcher runs it once per build under {@code -XX:ArchiveClassesAtExit}, so that every
 * later start maps the classes of start-up and of the request path from a CDS archive.
 */
final class WarmUpCommand {
  private WarmUpCommand() {}

  static int run() throws Exception {
    Path dir = Files.createTempDirectory("portcullis-warm-up");
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(
        dir.resolve("data"), 0))) {
      String[] key = credentials(server.dataDirectory().credentialsFile());
      for (String body : List.of("Action=GetUser&Version=2010-05-08",
          "Action=ListUsers&Version=2010-05-08", "Action=GetCallerIdentity&Version=2011-06-15",
          "Action=GetUser&Version=2010-05-08&UserName=nobody")) {
        post(server.port(), body, key);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }

  private static String[] credentials(Path file) throws IOException {
    String id = null;
    String secret = null;
    for (String line : Files.readAllLines(file)) {
      String[] kv = line.split("=", 2);
      if (kv.length == 2 && kv[0].trim().equals("aws_access_key_id")) {
        id = kv[1].trim();
      } else if (kv.length == 2 && kv[0].trim().equals("aws_secret_access_key")) {
        secret = kv[1].trim();
      }
    }
    return new String[] {id, secret};
  }

  private static void post(int port, String body, String[] key) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String service = body.contains("2011-06-15") ? "sts" : "iam";
    Map<String, String> headers = SigV4Signer.sign("POST", "/", null, Map.of(
        "Host", "127.0.0.1:" + port, "Content-Type", "application/x-www-form-urlencoded"),
        bytes, key[0], key[1], "us-east-1", service, Instant.now());
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/")
        .openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    headers.forEach((k, v) -> {
      if (!k.equals("Host")) {
        c.setRequestProperty(k, v);
      }
    });
    try (OutputStream out = c.getOutputStream()) {
      out.write(bytes);
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
  }
}
