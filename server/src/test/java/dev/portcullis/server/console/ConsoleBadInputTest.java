package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.EdgeConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile input to the console: never a 500, never a stack trace, never a hang. */
class ConsoleBadInputTest {
  private static final String PASSWORD = "Corr3ct-Horse-Battery";
  private static ConsoleFixture fx;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    fx = ConsoleFixture.start(Clock.systemUTC(), EdgeConfig.defaults());
    fx.user("opal", PASSWORD, false);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static HttpResponse<String> send(String method, String path, byte[] body,
      String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(fx.endpoint().resolve(path))
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void consoleEndpoints_withHostileInput_answerBelow500WithAPage() throws Exception {
    String signin = "/signin/" + fx.accountId();
    String origin = fx.endpoint().toString();
    Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
    answers.put("non-utf8 form", send("POST", signin, new byte[] {'u', '=', (byte) 0xff,
        (byte) 0xfe, '&', 'p', '=', '%', 'z'}, "Content-Type",
        "application/x-www-form-urlencoded", "Origin", origin));
    answers.put("huge form", send("POST", signin, ("username=" + "a".repeat(900_000))
        .getBytes(StandardCharsets.US_ASCII), "Content-Type",
        "application/x-www-form-urlencoded", "Origin", origin));
    answers.put("many fields", send("POST", signin, "a=b&".repeat(200_000)
        .getBytes(StandardCharsets.US_ASCII), "Content-Type",
        "application/x-www-form-urlencoded"));
    answers.put("bad cookie", send("GET", "/console/", new byte[0], "Cookie",
        "portcullis-console=%%%; portcullis-console; =x; ;;"));
    answers.put("bad cookie signin", send("GET", signin, new byte[0], "Cookie",
        "portcullis-signin=\u00e9\u00e9"));
    answers.put("json mfa no session", send("POST", signin + "/mfa", "{".getBytes(),
        "Content-Type", "application/json"));
    answers.put("deep path", send("GET", signin + "/mfa/x/y", new byte[0]));
    answers.put("weird alias", send("GET", "/signin/%00%2e%2e", new byte[0]));
    answers.put("PUT", send("PUT", "/console/", new byte[0]));
    answers.put("asset traversal", send("GET", "/assets/../../etc/passwd", new byte[0]));
    answers.put("asset encoded traversal", send("GET", "/assets/%2e%2e/%2e%2e/pom.xml",
        new byte[0]));
    // Signed in: a malformed passkey JSON and a JSON body to a form endpoint.
    ConsoleClient c = new ConsoleClient(fx.endpoint());
    c.signIn(fx.accountId(), "iam", "opal", PASSWORD);
    c.get(SecurityCredentialsPage.PATH);
    String csrf = c.csrf();
    answers.put("passkey bad json", c.postJson(SecurityCredentialsPage.PATH + "/passkey",
        "{\"credential\":", csrf));
    answers.put("passkey array", c.postJson(SecurityCredentialsPage.PATH + "/passkey",
        "[1,2,3]", csrf));
    answers.put("json to users", c.postJson("/console/users", "{}", csrf));
    answers.put("remove nothing", c.post(SecurityCredentialsPage.PATH + "/remove", Map.of()));
    answers.put("totp enable junk", c.post(SecurityCredentialsPage.PATH + "/totp/enable",
        Map.of("serialNumber", "\u0000<script>", "code1", "x", "code2", "y")));
    answers.put("users long", c.post("/console/users", Map.of("userName", "x".repeat(5000))));
    answers.put("events q", c.get("/console/events?EventName=%ff&StartTime=yesterday&"
        + "MaxResults=-1&NextToken=%00"));
    StringBuilder report = new StringBuilder();
    answers.forEach((k, v) -> report.append(k).append(" -> ").append(v.statusCode())
        .append(' ').append(v.body().length() > 300 ? v.body().substring(0, 300)
            .replace('\n', ' ') : v.body().replace('\n', ' ')).append('\n'));
    // The whole table in the failure message: which input, which status, which page.
    assertThat(answers.values()).allMatch(r -> r.statusCode() < 500, report.toString());
  }
}
