package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerProcess;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text a client sends cannot add a field or a line to the server's log: not through the Action
 * of an access line, nor through a header the HTTP parser would complain about.
 */
class AccessLogForgeryTest {
  @TempDir Path dir;

  @Test
  void accessLog_whenActionHoldsSpacesKeyAndANewline_writesOneLineWithOneKeyField()
      throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), dir.resolve("log"))) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(server.endpoint() + "/"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("Action=GetUser%20200%20key%3DAKIAFORGED"
              + "%0A2026-01-01T00:00:00Z%20access%20127.0.0.1%20iam%20DeleteUser%20200"
              + "&Version=2010-05-08")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(400);
      server.stop();

      List<String> lines = Files.readAllLines(server.log()).stream()
          .filter(l -> l.contains(" access ")).toList();
      assertThat(lines).hasSize(1);
      List<String> fields = Arrays.asList(lines.get(0).split(" "));
      assertThat(fields).hasSize(9);
      assertThat(fields.stream().filter(f -> f.startsWith("key="))).containsExactly("key=-");
      assertThat(fields.get(4)).startsWith("GetUser%20200%20key%3DAKIAFORGED%0A");
      assertThat(fields.get(5)).isEqualTo("400");
    }
  }

  @Test
  void log_whenARequestRepeatsHostWithAForgedAccessLine_holdsNoneOfTheClientsText()
      throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), dir.resolve("log"))) {
      String forged = "2026-01-01T00:00:00Z access 127.0.0.1 iam DeleteUser 200 key=AKIAFORGED";
      try (Socket s = new Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: " + forged + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
            .isEqualTo("HTTP/1.1 400");
      }
      server.stop();

      assertThat(Files.readString(server.log())).doesNotContain("AKIAFORGED");
    }
  }
}
