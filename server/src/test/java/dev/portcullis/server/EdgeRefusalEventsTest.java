package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.server.http.EdgeLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request the edge refuses before any front door sees it (here: a body that never arrives)
 * is a call all the same: it yields exactly one event, under the key it presented, with the
 * error it was answered with and the request id the client was given.
 */
class EdgeRefusalEventsTest {
  private static final RecordingTrail TRAIL = new RecordingTrail();
  private static Path dataDir;
  private static PortcullisServer server;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("portcullis-edge-events");
    server = PortcullisServer.start(ServerConfig.local(dataDir, 0), EdgeConfig.defaults()
        .withLimits(EdgeLimits.defaults().withRequestReadTimeout(Duration.ofSeconds(1))),
        real -> TRAIL);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void bodyThatNeverArrives_isOneRefusedEventUnderThePresentedKey() throws Exception {
    String answer;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "X-Amz-Date: 20261204T000000Z\r\n"
          + "Authorization: AWS4-HMAC-SHA256 Credential=AKIASTALLEDCLIENT000/20261204/"
          + "us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=00\r\n"
          + "Content-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
    }

    assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>RequestTimeout</Code>");
    Matcher id = Pattern.compile("(?i)x-amzn-RequestId: (\\S+)").matcher(answer);
    assertThat(id.find()).as(answer).isTrue();
    List<RecordingTrail.Received> events = TRAIL.of(id.group(1));
    assertThat(events).hasSize(1);
    CallRecord event = events.get(0).call();
    assertThat(events.get(0).inTransaction()).isFalse();
    assertThat(event.eventName()).isEqualTo("ListUsers");
    assertThat(event.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(event.error().code().code()).isEqualTo("RequestTimeout");
    assertThat(event.identity().type()).isEqualTo("Unknown");
    assertThat(event.identity().accessKeyId()).isEqualTo("AKIASTALLEDCLIENT000");
  }

  @Test
  void jsonProtocolBodyThatNeverArrives_isRefusedInTheJsonForm() throws Exception {
    String answer = stall("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/x-amz-json-1.1\r\n"
        + "X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents\r\n"
        + "Content-Length: 100\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400")
        .containsIgnoringCase("Content-Type: application/x-amz-json-1.1")
        .contains("\"__type\":\"RequestTimeout\"");
    Matcher id = Pattern.compile("(?i)x-amzn-RequestId: (\\S+)").matcher(answer);
    assertThat(id.find()).as(answer).isTrue();
    CallRecord event = TRAIL.of(id.group(1)).get(0).call();
    assertThat(event.eventSource()).isEqualTo("cloudtrail.amazonaws.com");
    assertThat(event.eventName()).isEqualTo("LookupEvents");
  }

  private static String stall(String head) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
    }
  }

  private static byte[] readAll(InputStream in) throws Exception {
    return in.readAllBytes();
  }
}
