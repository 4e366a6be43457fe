package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.testing.CredentialsFile;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** Over TLS every console cookie is Secure as well. */
class ConsoleTlsTest {
  private static final String PASSWORD = "Corr3ct-Horse-Battery";

  @Test
  void signIn_overTls_setsASecureHttpOnlyStrictSessionCookie() throws Exception {
    try (ConsoleFixture fx = ConsoleFixture.start(Clock.systemUTC(),
        EdgeConfig.defaults().withTls(new EdgeConfig.Tls.SelfSigned()))) {
      TrustManagerFactory trust = trust(fx);
      try (IamClient iam = IamClient.builder().endpointOverride(fx.endpoint())
          .region(Region.AWS_GLOBAL).credentialsProvider(StaticCredentialsProvider.create(
              CredentialsFile.read(fx.server.dataDirectory().credentialsFile(), "portcullis")))
          .httpClient(UrlConnectionHttpClient.builder()
              .tlsTrustManagersProvider(trust::getTrustManagers).build()).build()) {
        iam.createUser(b -> b.userName("tls-user"));
        iam.createLoginProfile(b -> b.userName("tls-user").password(PASSWORD));
      }
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, trust.getTrustManagers(), null);
      ConsoleClient browser = new ConsoleClient(fx.endpoint(),
          HttpClient.newBuilder().sslContext(ssl).build());
      HttpResponse<String> form = browser.get("/signin/" + fx.accountId());
      assertThat(ConsoleClient.setCookies(form, "__Host-" + ConsoleHttp.SIGNIN_COOKIE).get(0))
          .contains("; Secure");
      HttpResponse<String> r = browser.post("/signin/" + fx.accountId(), java.util.Map.of(
          "kind", "iam", "username", "tls-user", "password", PASSWORD));
      assertThat(r.statusCode()).isEqualTo(303);
      assertThat(ConsoleClient.setCookies(r, "__Host-" + ConsoleHttp.SESSION_COOKIE).get(0))
          .contains("HttpOnly").contains("SameSite=Strict").contains("; Secure");
      assertThat(browser.get("/console/").statusCode()).isEqualTo(200);

      // A sibling subdomain can set "portcullis-console" (Domain=parent) in a victim's
      // browser, with a session of the attacker's own: over TLS only the __Host- cookie,
      // which no other host can set, names a session.
      ConsoleClient victim = new ConsoleClient(fx.endpoint(),
          HttpClient.newBuilder().sslContext(ssl).build());
      victim.cookies.put(ConsoleHttp.SESSION_COOKIE,
          browser.cookies.get("__Host-" + ConsoleHttp.SESSION_COOKIE));
      HttpResponse<String> planted = victim.get("/console/");
      assertThat(planted.statusCode()).isEqualTo(303);
      assertThat(planted.headers().firstValue("location")).hasValue("/signin");
    }
  }

  private static TrustManagerFactory trust(ConsoleFixture fx) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("server", fx.server.tls().orElseThrow().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf;
  }
}
