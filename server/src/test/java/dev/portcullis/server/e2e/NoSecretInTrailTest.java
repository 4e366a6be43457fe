package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.server.audit.SegmentTamper;
import dev.portcullis.server.testing.PortcullisCli;
import dev.portcullis.server.testing.ServerProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * No secret in any audit event: a real server makes every kind of secret it knows (access key
 * secrets, passwords set, changed and refused, a virtual MFA device's seed and QR code, the
 * TOTP codes that enable it and prove it, the secrets and session tokens of GetSessionToken,
 * AssumeRole, GetFederationToken and container credentials, the container token), and none of
 * them is found in any column of any table, in the raw bytes of the database and its WAL, in
 * an {@code audit export}, in {@code audit events --json}, or in the server's log. A canary
 * (a tag value, no secret) proves that each place searched does hold the events.
 */
class NoSecretInTrailTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TASK_ROLE = "secret-task";
  private static final String OPERATIONS_WITH_SECRETS = "CreateAccessKey CreateLoginProfile "
      + "UpdateLoginProfile ChangePassword CreateVirtualMFADevice EnableMFADevice "
      + "GetSessionToken AssumeRole GetFederationToken";
  @TempDir Path dir;
  private final SecretSearch secrets = new SecretSearch();
  private final String canary = "canary-" + UUID.randomUUID();

  @Test
  void everySecretMade_isInNoEventTableFileExportOrLog() throws Exception {
    Path data = dir.resolve("data");
    Map<String, byte[]> whileRunning = new HashMap<>();
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"),
        "--container-credentials-role", TASK_ROLE)) {
      // The root password first start generated: only its 0600 file may hold it.
      secrets.text("the generated root password",
          Files.readString(data.resolve("root-password")).strip());
      makeEverySecret(server);
      Thread.sleep(500); // past the read-only events' batch, so the WAL holds them
      whileRunning.putAll(databaseFiles(data));
      server.stop();
    }
    assertThat(secrets.size()).isGreaterThanOrEqualTo(20);

    // (a) the database: every column of every table, then the files' raw bytes.
    List<String> inColumns = searchColumns(data.resolve("portcullis.db"));
    assertThat(inColumns).as("the canary in the audit records")
        .contains("canary in audit_segments.events");
    assertThat(inColumns).as("secrets in database columns")
        .allMatch(found -> found.startsWith("canary in "));
    whileRunning.putAll(databaseFiles(data));
    assertThat(whileRunning.keySet()).anyMatch(f -> f.contains("-wal@"));
    Set<String> inFiles = new HashSet<>();
    whileRunning.values().forEach(raw -> inFiles.addAll(secrets.inBytes(raw)));
    assertThat(inFiles).as("secrets in the database files").containsOnly("canary");

    // (b) what an operator reads: the export, audit events, the log.
    PortcullisCli cli = new PortcullisCli(dir);
    PortcullisCli.Result export = cli.run("audit", "export", "--to", "export", "--data-dir",
        data.toString());
    assertThat(export.exitCode()).as(export.describe()).isZero();
    String exported = exportText(dir.resolve("export"));
    assertThat(secrets.inRecords(exported)).as("secrets in the export").containsOnly("canary");
    PortcullisCli.Result events = cli.run("audit", "events", "--json", "--max-items", "100000",
        "--data-dir", data.toString());
    assertThat(events.exitCode()).as(events.describe()).isZero();
    assertThat(secrets.inRecords(events.stdout())).as("secrets in audit events")
        .containsOnly("canary");
    assertThat(secrets.inText(Files.readString(dir.resolve("server.log"))))
        .as("secrets in the server log").isEmpty();

    // The events searched are those of the calls that made the secrets, redacted.
    Set<String> names = new HashSet<>();
    for (String line : events.stdout().lines().toList()) {
      JsonNode record = JSON.readTree(line);
      names.add(record.path("eventName").asText());
      if (record.path("eventName").asText().equals("CreateLoginProfile")
          && record.path("errorCode").isMissingNode()) {
        assertThat(record.path("requestParameters").path("password").asText())
            .isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
      }
    }
    assertThat(names).contains(OPERATIONS_WITH_SECRETS.split(" "));
  }

  @Test
  void search_whenARecordCarriesASecret_findsIt() {
    // The search above must be able to fail: a record holding a secret in any form is found.
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    SecretSearch search = new SecretSearch().text("secret", secret).code("code", "492039")
        .bytes("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff});

    assertThat(search.inRecords("{\"secretAccessKey\":\"" + secret + "\"}"))
        .containsExactly("secret");
    assertThat(search.inRecords("{\"p\":\"" + java.util.Base64.getEncoder().encodeToString(
        secret.getBytes(StandardCharsets.UTF_8)) + "\"}")).containsExactly("secret");
    assertThat(search.inRecords("{\"tokenCode\":\"492039\"}")).containsExactly("code");
    assertThat(search.inRecords("{\"principalId\":\"AIDA4920391\",\"n\":1492039}")).isEmpty();
    assertThat(search.inRecords("{\"qr\":\"iVBORwABAv8=\"}")).containsExactly("png");
    assertThat(search.inBytes(("x" + secret.replace("/", "%2F") + "x")
        .getBytes(StandardCharsets.ISO_8859_1))).containsExactly("secret");
  }

  /** Makes each secret the server knows, and registers it (in each form) with the search. */
  private void makeEverySecret(ServerProcess server) throws Exception {
    AwsBasicCredentials admin = server.adminCredentials();
    secrets.text("the administrator's secret key", admin.secretAccessKey());
    IamClient iam = server.iam(admin);
    String account = sts(server, admin).getCallerIdentity().account();
    secrets.text("canary", canary);
    iam.createUser(b -> b.userName("holder").tags(t -> t.key("canary").value(canary)));
    iam.putUserPolicy(b -> b.userName("holder").policyName("own").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
        + "\"iam:ChangePassword\",\"sts:GetFederationToken\",\"sts:GetSessionToken\","
        + "\"iam:GetUser\"],"
        + "\"Resource\":\"*\"}]}"));
    var key = iam.createAccessKey(b -> b.userName("holder")).accessKey();
    secrets.text("an access key's secret", key.secretAccessKey());
    AwsBasicCredentials holder = AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey());

    String first = "First-" + UUID.randomUUID();
    String second = "Second-" + UUID.randomUUID();
    String third = "Third-" + UUID.randomUUID();
    String refused = "Refused-" + UUID.randomUUID();
    String tooLong = "TooLong-" + "x".repeat(130) + UUID.randomUUID();
    secrets.text("a password", first).text("an updated password", second)
        .text("a changed password", third).text("a refused new password", refused)
        .text("a password too long", tooLong);
    iam.createLoginProfile(b -> b.userName("holder").password(first));
    assertThatThrownBy(() -> iam.updateLoginProfile(b -> b.userName("holder")
        .password(tooLong))).isInstanceOf(IamException.class);
    iam.updateLoginProfile(b -> b.userName("holder").password(second));
    IamClient asHolder = server.iam(holder);
    assertThatThrownBy(() -> asHolder.changePassword(b -> b.oldPassword(first)
        .newPassword(refused))).isInstanceOf(IamException.class);
    asHolder.changePassword(b -> b.oldPassword(second).newPassword(third));

    VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("holder"))
        .virtualMFADevice();
    String seedText = device.base32StringSeed().asUtf8String();
    byte[] seed = Base32.decode(seedText);
    secrets.text("a TOTP seed (Base32)", seedText).bytes("a TOTP seed (raw)", seed)
        .bytes("a QR code", device.qrCodePNG().asByteArray());
    long step = currentStep();
    String wrong = Totp.code(seed, step + 5);
    secrets.code("a wrong TOTP code", wrong);
    assertThatThrownBy(() -> iam.enableMFADevice(b -> b.userName("holder")
        .serialNumber(device.serialNumber()).authenticationCode1(wrong)
        .authenticationCode2(Totp.code(seed, step + 6)))).isInstanceOf(IamException.class);
    String code1 = Totp.code(seed, step - 1);
    String code2 = Totp.code(seed, step);
    String code3 = Totp.code(seed, step + 1);
    secrets.code("the first enabling code", code1).code("the second enabling code", code2)
        .code("a session's MFA code", code3);
    iam.enableMFADevice(b -> b.userName("holder").serialNumber(device.serialNumber())
        .authenticationCode1(code1).authenticationCode2(code2));

    Credentials session = sts(server, holder).getSessionToken(b -> b
        .serialNumber(device.serialNumber()).tokenCode(code3)).credentials();
    temporary("GetSessionToken", session.secretAccessKey(), session.sessionToken());
    assertThat(server.iam(session(session)).getUser().user().userName()).isEqualTo("holder");

    iam.createRole(b -> b.roleName("secret-role").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
    Credentials role = sts(server, admin).assumeRole(b -> b.roleArn("arn:aws:iam::" + account
        + ":role/secret-role").roleSessionName("secrets")).credentials();
    temporary("AssumeRole", role.secretAccessKey(), role.sessionToken());
    sts(server, session(role)).getCallerIdentity();

    Credentials federated = sts(server, holder).getFederationToken(b -> b.name("fed-holder")
        .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}")).credentials();
    temporary("GetFederationToken", federated.secretAccessKey(), federated.sessionToken());
    sts(server, session(federated)).getCallerIdentity();

    iam.createRole(b -> b.roleName(TASK_ROLE).assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
    String token = Files.readString(dir.resolve("data").resolve("container-credentials-token"))
        .strip();
    secrets.text("the container-credentials token", token);
    HttpResponse<String> vended = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.endpoint() + "/container-credentials/" + TASK_ROLE))
        .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(vended.statusCode()).as(vended.body()).isEqualTo(200);
    JsonNode container = JSON.readTree(vended.body());
    temporary("container credentials", container.path("SecretAccessKey").asText(),
        container.path("Token").asText());
  }

  private void temporary(String source, String secretAccessKey, String sessionToken) {
    secrets.text("the secret of " + source, secretAccessKey)
        .text("the session token of " + source, sessionToken);
  }

  private static AwsCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  private static StsClient sts(ServerProcess server, AwsCredentials credentials) {
    return StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** The current TOTP step, waiting out a step's last seconds so the codes stay current. */
  private static long currentStep() throws InterruptedException {
    long second = Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
    if (second >= Totp.STEP_SECONDS - 5) {
      Thread.sleep((Totp.STEP_SECONDS - second + 1) * 1000);
    }
    return Totp.step(Instant.now());
  }

  /** The raw bytes of the database and its WAL (and shared memory), by file name. */
  private static Map<String, byte[]> databaseFiles(Path data) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> all = Files.list(data)) {
      for (Path f : all.filter(p -> p.getFileName().toString().startsWith("portcullis.db"))
          .toList()) {
        files.put(f.getFileName() + "@" + System.nanoTime(), Files.readAllBytes(f));
      }
    }
    return files;
  }

  /**
   * The secrets found in any text or blob column of any table, each as "LABEL in
   * TABLE.COLUMN"; TOTP codes are looked for in the audit tables, where a record could carry
   * one.
   */
  private List<String> searchColumns(Path db) throws Exception {
    List<String> found = new ArrayList<>();
    int auditRows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(
          "SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).contains("audit_segments", "access_keys", "sts_session", "mfa_devices",
          "login_profiles", "password_history");
      for (String table : tables) {
        boolean audit = table.startsWith("audit_");
        try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              Object value = rs.getObject(i);
              String text = value instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
                  : value instanceof String s ? s : null;
              if (text != null) {
                for (String label : audit ? secrets.inRecords(text) : secrets.inText(text)) {
                  found.add(label + " in " + table + "." + meta.getColumnName(i));
                }
              }
            }
          }
        }
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      auditRows = SegmentTamper.rows(c).size();
    }
    assertThat(auditRows).as("audit events in the database").isGreaterThan(20);
    return found;
  }

  /** Every file of an export as text, gzip'd files unzipped. */
  private static String exportText(Path root) throws Exception {
    StringBuilder all = new StringBuilder();
    int logFiles = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.toString().endsWith(".gz")) {
          logFiles++;
          try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        } else {
          all.append(Files.readString(f, StandardCharsets.ISO_8859_1));
        }
        all.append('\n');
      }
    }
    assertThat(logFiles).as("gzip'd files in the export").isPositive();
    return all.toString();
  }
}
