package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.ServerProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --tls-self-signed} with the real AWS CLI trusting the certificate through
 * {@code --ca-bundle}, and the start-up warning for plain HTTP beyond loopback.
 */
class TlsAwsCliTest {
  private static final Pattern FINGERPRINT =
      Pattern.compile("TLS certificate SHA-256 fingerprint: ([0-9A-F:]{95})");
  @TempDir Path dir;

  @Test
  void selfSigned_withTheAwsCliAndCaBundle_servesIamAndStsOverHttpsWithOneLastingCertificate()
      throws Exception {
    Path data = dir.resolve("data");
    Path cert = data.resolve("tls-self-signed-cert.pem");
    String printed;
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("log1"),
        "--tls-self-signed")) {
      assertThat(server.endpoint().getScheme()).isEqualTo("https");
      printed = fingerprint(server.log());
      assertThat(printed).isEqualTo(sha256(cert));
      assertThat(mode(data.resolve("tls-self-signed-key.pem"))).isEqualTo("rw-------");

      AwsCli aws = new AwsCli(server.endpoint().toString(), data.resolve("credentials"),
          "portcullis");
      AwsCli.Result identity = aws.run("sts", "get-caller-identity", "--ca-bundle",
          cert.toString());
      assertThat(identity.ok()).as(identity.stderr()).isTrue();
      assertThat(identity.stdout()).contains(":user/admin");
      AwsCli.Result created = aws.run("iam", "create-user", "--user-name", "over-tls",
          "--ca-bundle", cert.toString());
      assertThat(created.ok()).as(created.stderr()).isTrue();
      AwsCli.Result untrusted = aws.run("iam", "get-user", "--user-name", "over-tls");
      assertThat(untrusted.ok()).isFalse();
      assertThat(untrusted.stderr()).containsIgnoringCase("certificate verify failed");
    }

    try (ServerProcess again = ServerProcess.start(data, dir.resolve("log2"),
        "--tls-self-signed")) {
      assertThat(fingerprint(again.log())).isEqualTo(printed);
    }
  }

  @Test
  void plainHttp_beyondLoopback_warnsAtStartUpAndOnLoopbackDoesNot() throws Exception {
    // Only the start-up message is checked: nothing is sent to the wildcard address.
    try (ServerProcess everywhere = ServerProcess.start(dir.resolve("data"),
        dir.resolve("log1"), "--host", "0.0.0.0")) {
      assertThat(Files.readString(everywhere.log()))
          .contains("WARNING: serving plain HTTP on 0.0.0.0, beyond loopback");
    }
    try (ServerProcess loopback = ServerProcess.start(dir.resolve("data"),
        dir.resolve("log2"))) {
      assertThat(Files.readString(loopback.log())).doesNotContain("WARNING");
    }
  }

  private static String fingerprint(Path log) throws Exception {
    Matcher m = FINGERPRINT.matcher(Files.readString(log));
    assertThat(m.find()).as(Files.readString(log)).isTrue();
    return m.group(1);
  }

  private static String sha256(Path cert) throws Exception {
    try (InputStream in = Files.newInputStream(cert)) {
      byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
          MessageDigest.getInstance("SHA-256").digest(der));
    }
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
