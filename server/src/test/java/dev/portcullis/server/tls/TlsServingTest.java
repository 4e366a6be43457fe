package dev.portcullis.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.CredentialsFile;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * Serving HTTPS with a certificate and key made by openssl (PKCS#8 RSA and EC keys, and the
 * older SEC1 EC form), and what a policy sees over it.
 */
class TlsServingTest {
  @TempDir Path dir;

  @Test
  void tlsCert_withAnRsaPkcs8Key_servesHttpsWhereSecureTransportIsTrue() throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out",
        "cert.pem", "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=IP:127.0.0.1");
    assertThat(Files.readString(dir.resolve("key.pem"))).contains("BEGIN PRIVATE KEY");

    servesSecureTransport(dir.resolve("cert.pem"), dir.resolve("key.pem"));
  }

  @Test
  void tlsCert_withAnEcKeyInPkcs8OrSec1Form_servesHttps() throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=IP:127.0.0.1");
    openssl("ec", "-in", "key.pem", "-out", "key-sec1.pem");
    assertThat(Files.readString(dir.resolve("key-sec1.pem"))).contains("BEGIN EC PRIVATE KEY");

    servesSecureTransport(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    servesSecureTransport(dir.resolve("cert.pem"), dir.resolve("key-sec1.pem"));
  }

  @Test
  void read_whenTheKeyFileHoldsNoKey_saysSo() throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost");

    assertThatThrownBy(() -> PemFiles.read(dir.resolve("cert.pem"), dir.resolve("cert.pem")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no PEM private key");
    assertThatThrownBy(() -> PemFiles.read(dir.resolve("key.pem"), dir.resolve("key.pem")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no PEM certificate");
  }

  /**
   * A user allowed iam:GetUser only when aws:SecureTransport is true gets its user over this
   * server's HTTPS.
   */
  private void servesSecureTransport(Path cert, Path key) throws Exception {
    Path data = Files.createTempDirectory(dir, "data");
    EdgeConfig edge = EdgeConfig.defaults().withTls(new EdgeConfig.Tls.CertificateFiles(cert,
        key));
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data, 0), edge)) {
      assertThat(server.scheme()).isEqualTo("https");
      URI endpoint = URI.create("https://127.0.0.1:" + server.port());
      AwsBasicCredentials admin = CredentialsFile.read(
          server.dataDirectory().credentialsFile(), "portcullis");
      AccessKey key2;
      try (IamClient iam = client(endpoint, cert, admin)) {
        iam.createUser(b -> b.userName("tls-only"));
        iam.putUserPolicy(b -> b.userName("tls-only").policyName("secure").policyDocument(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\",\"Condition\":{\"Bool\":"
            + "{\"aws:SecureTransport\":\"true\"}}}]}"));
        key2 = iam.createAccessKey(b -> b.userName("tls-only")).accessKey();
      }
      try (IamClient iam = client(endpoint, cert,
          AwsBasicCredentials.create(key2.accessKeyId(), key2.secretAccessKey()))) {
        assertThat(iam.getUser().user().userName()).isEqualTo("tls-only");
      }
    }
  }

  private static IamClient client(URI endpoint, Path cert, AwsCredentials credentials)
      throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("server", (X509Certificate) CertificateFactory
          .getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.builder()
            .tlsTrustManagersProvider(tmf::getTrustManagers).build()).build();
  }

  private void openssl(String... args) throws Exception {
    Process p = new ProcessBuilder(java.util.stream.Stream.concat(
        java.util.stream.Stream.of("openssl"), List.of(args).stream()).toList())
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
