package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.audit.integrity.DigestKeys;
import dev.portcullis.iam.audit.integrity.LogFileContent;
import dev.portcullis.server.audit.SegmentTamper;
import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.ServerProcess;
import dev.portcullis.server.testing.ExportTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The tamper evidence end to end, as an operator runs it: a real {@code serve} process with a
 * two-second digest interval records SDK calls and signs digests of them; after it stops,
 * {@code audit export} and {@code audit verify} (each its own process, as {@code ./portcullis}
 * runs them) find the export and the database intact, and name each tampering with exit 1.
 * {@code aws cloudtrail list-public-keys} (the real CLI) publishes the key that verifies them.
 */
class AuditDigestEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path dir;
  private static Path data;
  private static Path export;
  private static JsonNode publicKeys;
  private static JsonNode keysOfAnOldRange;
  private static String createUserEventId;

  private record Run(int status, String out) {}

  @BeforeAll
  static void recordSignAndExport() throws Exception {
    data = dir.resolve("data");
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"),
        "--audit-digest-interval", "2")) {
      IamClient iam = server.iam(server.adminCredentials());
      iam.createUser(b -> b.userName("e2e-ana"));
      iam.getUser(b -> b.userName("e2e-ana"));
      iam.listUsers();
      awaitDigestOf("ListUsers");
      Path credentials = dir.resolve("cli-credentials");
      Files.copy(data.resolve("credentials"), credentials);
      AwsCli cli = new AwsCli(server.endpoint().toString(), credentials, "portcullis");
      publicKeys = json(cli.run("cloudtrail", "list-public-keys"));
      keysOfAnOldRange = json(cli.run("cloudtrail", "list-public-keys", "--start-time",
          "2020-01-01T00:00:00Z", "--end-time", "2020-01-02T00:00:00Z"));
      server.stop();
    }
    try (Connection c = sqlite()) {
      createUserEventId = SegmentTamper.rows(c).stream()
          .filter(r -> r.event.eventName().equals("CreateUser")).findFirst().orElseThrow()
          .event.eventId();
    }
    export = dir.resolve("export");
    Run exported = portcullis("audit", "export", "--to", export.toString(), "--data-dir",
        data.toString());
    assertThat(exported.status()).as(exported.out()).isZero();
  }

  @Test
  void verify_whenTheExportIsUntouched_exitsZero() throws Exception {
    Run r = portcullis("audit", "verify", export.toString());

    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).contains("The audit trail is intact.").doesNotContain("0/0 digest");
  }

  @Test
  void verifyStore_whenTheDatabaseIsUntouched_exitsZero() throws Exception {
    Run r = portcullis("audit", "verify", "--store", "--data-dir", data.toString());

    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).contains("The audit trail is intact.");
  }

  @Test
  void listPublicKeys_withTheRealCli_returnsTheKeyThatVerifiesTheExportedDigests()
      throws Exception {
    JsonNode key = publicKeys.path("PublicKeyList").get(0);
    byte[] value = Base64.getDecoder().decode(key.path("Value").asText());
    Path pem = dir.resolve("listed-key.pem");
    Files.writeString(pem, DigestKeys.pem(value));

    Run pinned = portcullis("audit", "verify", export.toString(), "--public-key",
        pem.toString());

    assertThat(publicKeys.path("PublicKeyList")).hasSize(1);
    assertThat(key.path("Fingerprint").asText()).isEqualTo(DigestKeys.fingerprint(value));
    assertThat(key.path("ValidityStartTime").asText()).isNotEmpty();
    assertThat(key.path("ValidityEndTime").asText()).isNotEmpty();
    assertThat(pinned.status()).as(pinned.out()).isZero();
    assertThat(pinned.out()).contains("The audit trail is intact.");
    assertThat(Files.readString(export.resolve("public-key.pem")))
        .isEqualTo(DigestKeys.pem(value));
  }

  @Test
  void listPublicKeys_forARangeBeforeTheKeyExisted_returnsNone() {
    assertThat(keysOfAnOldRange.path("PublicKeyList")).isEmpty();
  }

  @Test
  void verify_whenALogFileWasReplaced_exitsOneNamingIt() throws Exception {
    Path copy = copy("replaced");
    String file = logFileWith(copy, createUserEventId);
    writeGzip(copy.resolve(file), "{\"Records\":[]}");

    Run r = portcullis("audit", "verify", copy.toString());

    assertThat(r.status()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("Log file\t" + file + "\tINVALID: altered",
        createUserEventId + " at seq", "INVALID: removed");
  }

  @Test
  void verify_whenOneEventOfAGzippedLogFileChanged_exitsOneNamingIt() throws Exception {
    Path copy = copy("changed");
    String file = logFileWith(copy, createUserEventId);
    Path path = copy.resolve(file);
    List<String> records = LogFileContent.records(new String(readGzip(path),
        StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogFileContent content = new LogFileContent(out);
    for (String r : records) {
      content.add(r.contains(createUserEventId) ? r.replace("e2e-ana", "e2e-eve") : r);
    }
    content.finish();
    writeGzip(path, out.toString(StandardCharsets.UTF_8));

    Run r = portcullis("audit", "verify", copy.toString());

    assertThat(r.status()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("Log file\t" + file + "\tINVALID: altered");
    assertThat(r.out().lines()).anyMatch(l -> l.startsWith("Event\t" + createUserEventId)
        && l.contains("INVALID: changed"));
  }

  @Test
  void verify_whenADigestFileWasDeleted_exitsOneNamingIt() throws Exception {
    Path copy = copy("digest-gone");
    String digest = files(copy).stream().filter(f -> f.contains("/CloudTrail-Digest/")
        && f.endsWith(".json.gz")).findFirst().orElseThrow();
    Files.delete(copy.resolve(digest));

    Run r = portcullis("audit", "verify", copy.toString());

    assertThat(r.status()).as(r.out()).isEqualTo(1);
    assertThat(r.out().lines()).anyMatch(l -> l.startsWith("Digest file\t" + digest)
        && l.contains("INVALID: missing"));
  }

  /** Waits until a signed digest covers the newest event named {@code eventName}. */
  private static void awaitDigestOf(String eventName) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      // SQLite in WAL mode lets a reader beside the serving process.
      try (Connection c = sqlite()) {
        long seq = SegmentTamper.rows(c).stream()
            .filter(r -> r.event.eventName().equals(eventName))
            .mapToLong(r -> r.seq).max().orElse(Long.MAX_VALUE);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT COUNT(*) FROM audit_digest WHERE last_seq >= " + seq)) {
          if (rs.next() && rs.getLong(1) > 0) {
            return;
          }
        }
      } catch (SQLException e) {
        // busy for a moment: ask again
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no digest covered " + eventName + " within 60 s");
  }

  private static Connection sqlite() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("portcullis.db"));
  }

  private static JsonNode json(AwsCli.Result r) throws IOException {
    assertThat(r.ok()).as(r.stderr()).isTrue();
    return JSON.readTree(r.stdout());
  }

  /** Runs {@code portcullis ARGS} in its own JVM, as the launcher script does. */
  private static Run portcullis(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.portcullis.server.cli.Main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("portcullis " + String.join(" ", args) + " did not finish");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Path copy(String name) throws IOException {
    Path to = dir.resolve(name);
    return ExportTrees.copy(export, to);
  }

  private static List<String> files(Path root) throws IOException {
    return ExportTrees.files(root);
  }

  /** The log file (relative to {@code root}) holding the event {@code eventId}. */
  private static String logFileWith(Path root, String eventId) throws IOException {
    for (String f : files(root)) {
      if (f.contains("/CloudTrail/") && f.endsWith(".json.gz") && new String(
          readGzip(root.resolve(f)), StandardCharsets.UTF_8).contains(eventId)) {
        return f;
      }
    }
    throw new AssertionError("no log file holds " + eventId);
  }

  private static byte[] readGzip(Path file) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private static void writeGzip(Path file, String content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }
}
