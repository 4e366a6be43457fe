package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Option errors of {@code serve} about TLS and the edge limits, refused before starting. */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void serve_whenTlsCertComesWithoutKey_isAUsageError() {
    String err = serveFails(2, "--tls-cert", "cert.pem");

    assertThat(err).contains("--tls-cert and --tls-key go together");
  }

  @Test
  void serve_whenBothTlsFilesAndSelfSignedAreGiven_isAUsageError() {
    String err = serveFails(2, "--tls-cert", "c.pem", "--tls-key", "k.pem", "--tls-self-signed");

    assertThat(err).contains("either --tls-cert/--tls-key or --tls-self-signed");
  }

  @Test
  void serve_whenAConnectionCapIsZero_isAUsageError() {
    assertThat(serveFails(2, "--max-connections-per-address", "0"))
        .contains("--max-connections-per-address must be at least 1");
  }

  @Test
  void serve_whenTheCertificateFileIsMissing_failsWithItsName() {
    String err = serveFails(1, "--tls-cert", dir.resolve("missing.pem").toString(), "--tls-key",
        dir.resolve("missing-key.pem").toString());

    assertThat(err).contains("missing-key.pem");
  }

  @Test
  void serve_whenTheTlsKeyFileIsReadableByOthers_warns() throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"), "not yet a key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    String err = serveFails(1, "--tls-cert", dir.resolve("missing.pem").toString(), "--tls-key",
        key.toString());

    assertThat(err).contains("warning: the TLS key file " + key + " is readable by other users");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void serve_whenTheDatabaseUrlCarriesAPassword_warnsWithoutPrintingIt() {
    // Nothing listens on port 1: the start fails, after the warning.
    String err = serveFails(1, "--database-url",
        "jdbc:postgresql://127.0.0.1:1/portcullis?user=p&password=s3cret-in-argv");

    assertThat(err).contains("warning: the database URL holds a password, which other local "
        + "users can read in the process list; set it in PORTCULLIS_DATABASE_PASSWORD");
    assertThat(err).doesNotContain("s3cret-in-argv");
  }

  private String serveFails(int status, String... options) {
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir",
        dir.resolve("data").toString()));
    args.addAll(List.of(options));
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(Main.run(args)).isEqualTo(status);
    } finally {
      System.setErr(oldErr);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void serve_whenAuditRetentionIsZero_isAUsageError() {
    assertThat(serveFails(2, "--audit-retention-days", "0"))
        .contains("--audit-retention-days must be at least 1");
  }

  @Test
  void audit_whenOptionsGiven_setsRetentionAndRecording() throws Exception {
    var config = ServeCommand.audit(Options.parse(List.of("--audit-retention-days", "7",
        "--no-audit"), ServeCommand.OPTIONS));
    assertThat(config.retention()).isEqualTo(java.time.Duration.ofDays(7));
    assertThat(config.enabled()).isFalse();
    assertThat(ServeCommand.audit(Options.parse(List.of(), ServeCommand.OPTIONS)))
        .isEqualTo(dev.portcullis.server.AuditConfig.DEFAULT);
  }

  @Test
  void console_whenOptionsGiven_setsTheSessionLimits() throws Exception {
    var config = ServeCommand.console(Options.parse(List.of("--console-idle-timeout", "15",
        "--console-session-hours", "8"), ServeCommand.OPTIONS));
    assertThat(config.idleTimeout()).isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(config.maxLifetime()).isEqualTo(java.time.Duration.ofHours(8));
    assertThat(ServeCommand.console(Options.parse(List.of(), ServeCommand.OPTIONS)))
        .isEqualTo(dev.portcullis.server.console.ConsoleConfig.DEFAULTS);
  }

  @Test
  void serve_whenTheConsoleSessionOutlastsAwssMaximum_isAUsageError() {
    assertThat(serveFails(2, "--console-session-hours", "13"))
        .contains("--console-session-hours must be at most 12");
  }
}
