package dev.portcullis.server.sts;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.protocol.sigv4.SigV4Signer;
import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.MutableClock;
import dev.portcullis.server.testing.ServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.model.Credentials;

/** How temporary credentials authenticate: token checks, expiry, and secrets kept at rest. */
class SessionAuthenticationTest {
  static final MutableClock CLOCK = new MutableClock();
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension(CLOCK);
  static final String INVALID = "The security token included in the request is invalid.";

  @Test
  void sessionCredentials_withAnotherSessionsToken_areInvalidClientTokenId() {
    Credentials a = SERVER.adminSts().getSessionToken().credentials();
    Credentials b = SERVER.adminSts().getSessionToken().credentials();

    assertAwsError(() -> SERVER.sts(AwsSessionCredentials.create(a.accessKeyId(),
        a.secretAccessKey(), b.sessionToken())).getCallerIdentity(), "InvalidClientTokenId",
        403, INVALID);
  }

  @Test
  void sessionCredentials_withoutTheirToken_areInvalidClientTokenId() {
    Credentials c = SERVER.adminSts().getSessionToken().credentials();

    assertAwsError(() -> SERVER.sts(AwsBasicCredentials.create(c.accessKeyId(),
        c.secretAccessKey())).getCallerIdentity(), "InvalidClientTokenId", 403, INVALID);
  }

  @Test
  void anUnknownTemporaryKey_isInvalidClientTokenId() {
    Credentials c = SERVER.adminSts().getSessionToken().credentials();

    assertAwsError(() -> SERVER.sts(AwsSessionCredentials.create("ASIAUNKNOWNUNKNOWN00",
        c.secretAccessKey(), c.sessionToken())).getCallerIdentity(), "InvalidClientTokenId",
        403, INVALID);
  }

  @Test
  void aLongTermKey_withASessionToken_isInvalidClientTokenId() {
    Credentials c = SERVER.adminSts().getSessionToken().credentials();
    AwsBasicCredentials admin = SERVER.adminCredentials();

    assertAwsError(() -> SERVER.sts(AwsSessionCredentials.create(admin.accessKeyId(),
        admin.secretAccessKey(), c.sessionToken())).getCallerIdentity(),
        "InvalidClientTokenId", 403, INVALID);
  }

  @Test
  void sessionCredentials_afterTheyExpire_areExpiredToken() throws Exception {
    Credentials c = getSessionTokenSignedAt(Duration.ofMinutes(-20), 900);

    assertAwsError(() -> SERVER.sts(StsFixtures.asSdk(c)).getCallerIdentity(), "ExpiredToken",
        403, "The security token included in the request is expired");
  }

  @Test
  void sessionCredentials_afterTheyExpire_areRefusedToTheAwsCli() throws Exception {
    Credentials c = getSessionTokenSignedAt(Duration.ofMinutes(-20), 900);
    Path file = SERVER.dataDir().resolve("expired-credentials");
    Files.writeString(file, "[expired]\naws_access_key_id = " + c.accessKeyId()
        + "\naws_secret_access_key = " + c.secretAccessKey() + "\naws_session_token = "
        + c.sessionToken() + "\n");

    AwsCli.Result r = new AwsCli(SERVER.endpoint().toString(), file, "expired")
        .run("sts", "get-caller-identity");

    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).contains("ExpiredToken")
        .contains("The security token included in the request is expired");
  }

  @Test
  void secretsAndTokens_areNotInTheDatabaseFilesInClear() throws Exception {
    Credentials session = SERVER.adminSts().getSessionToken().credentials();
    Credentials federated = SERVER.adminSts().getFederationToken(b -> b.name("fed"))
        .credentials();
    Credentials role = SERVER.adminSts().assumeRole(b -> b.roleSessionName("s0")
        .roleArn(StsFixtures.role(SERVER, "/", "atRest"))).credentials();

    List<String> secrets = Stream.of(session, federated, role)
        .flatMap(c -> Stream.of(c.secretAccessKey(), c.sessionToken())).toList();
    try (Stream<Path> files = Files.list(SERVER.dataDir())) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("portcullis.db"))
          .toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain(secrets);
      }
    }
  }

  /**
   * Calls GetSessionToken with the server's clock moved by {@code shift} and the request signed
   * at that time (the server refuses requests signed far from its own time, so the SDK, which
   * signs at the real time, cannot be used), then puts the clock back.
   */
  private static Credentials getSessionTokenSignedAt(Duration shift, int seconds)
      throws Exception {
    CLOCK.shift(shift);
    try {
      byte[] body = ("Action=GetSessionToken&Version=2011-06-15&DurationSeconds=" + seconds)
          .getBytes(StandardCharsets.UTF_8);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Host", SERVER.endpoint().getAuthority());
      headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
      AwsBasicCredentials admin = SERVER.adminCredentials();
      Map<String, String> signed = SigV4Signer.sign("POST", "/", "", headers, body,
          admin.accessKeyId(), admin.secretAccessKey(), "us-east-1", "sts", CLOCK.instant());
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      // java.net.http sets Host itself, to the same value that was signed.
      signed.forEach((k, v) -> {
        if (!k.equals("Host")) {
          request.header(k, v);
        }
      });
      HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      String xml = response.body();
      return Credentials.builder().accessKeyId(element(xml, "AccessKeyId"))
          .secretAccessKey(element(xml, "SecretAccessKey"))
          .sessionToken(element(xml, "SessionToken")).build();
    } finally {
      CLOCK.reset();
    }
  }

  private static String element(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
    assertThat(m.find()).as(name + " in " + xml).isTrue();
    return m.group(1);
  }
}
