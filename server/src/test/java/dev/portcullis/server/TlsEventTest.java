package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.RequestFacts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call over HTTPS has its event carry CloudTrail's tlsDetails; the user agent is kept too. */
class TlsEventTest {
  @TempDir Path dir;

  @Test
  void callOverTls_isAnEventWithTheTlsVersionCipherAndHost() throws Exception {
    RecordingTrail trail = new RecordingTrail();
    EdgeConfig edge = EdgeConfig.defaults().withTls(new EdgeConfig.Tls.SelfSigned());
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(
        Files.createDirectory(dir.resolve("data")), 0), edge, store -> trail)) {
      HttpResponse<String> response = client(server).send(HttpRequest.newBuilder(URI.create(
          "https://127.0.0.1:" + server.port() + "/?Action=GetUser&Version=2010-05-08"))
          .header("User-Agent", "audit-test/1.0").GET().build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(403);
      String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
      assertThat(trail.of(requestId)).singleElement().satisfies(r -> {
        CallRecord call = r.call();
        assertThat(call.error().code().code()).isEqualTo("MissingAuthenticationToken");
        RequestFacts.TlsDetails tls = call.facts().tls();
        assertThat(tls.tlsVersion()).startsWith("TLSv1.");
        assertThat(tls.cipherSuite()).startsWith("TLS_");
        assertThat(tls.clientProvidedHostHeader()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(call.facts().userAgent()).isEqualTo("audit-test/1.0");
        assertThat(call.facts().sourceIp()).isEqualTo("127.0.0.1");
      });
    }
  }

  private static HttpClient client(PortcullisServer server) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", server.tls().orElseThrow().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }
}
