package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.protocol.sigv4.SigV4Signer;
import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.MutableClock;
import dev.portcullis.server.testing.ServerExtension;
import dev.portcullis.server.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The container-credentials endpoint as the AWS SDKs' default credential chain reads it: the
 * Java SDK's ContainerCredentialsProvider, boto3 and the AWS CLI with nothing but the two
 * container variables, refusals, and the refresh of sessions near their expiry.
 */
class ContainerCredentialsTest {
  private static final MutableClock CLOCK = new MutableClock();
  @RegisterExtension
  static final ServerExtension SERVER = new ServerExtension(CLOCK)
      .withContainerCredentialsRoles("app-task", "refresh-task", "rotate-task", "ec2-only",
          "absent-role", "own-account-task", "withdrawn-task");
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
  private static final String TRUST_ECS_TASKS = trust("ecs-tasks.amazonaws.com");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void roles() {
    IamClient iam = SERVER.adminIam();
    for (String name : List.of("app-task", "refresh-task", "rotate-task", "withdrawn-task")) {
      iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(TRUST_ECS_TASKS));
      iam.attachRolePolicy(b -> b.roleName(name).policyArn(READ_ONLY));
    }
    iam.createRole(b -> b.roleName("ec2-only")
        .assumeRolePolicyDocument(trust("ec2.amazonaws.com")));
    iam.attachRolePolicy(b -> b.roleName("ec2-only").policyArn(READ_ONLY));
  }

  @AfterEach
  void resetClock() {
    CLOCK.reset();
  }

  @Test
  void javaSdkContainerProvider_whenRoleTrustsEcsTasks_callsWithTheRolesPermissions()
      throws Exception {
    System.setProperty("aws.containerCredentialsFullUri",
        SERVER.containerCredentialsUri("app-task"));
    System.setProperty("aws.containerAuthorizationToken", token());
    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build();
        StsClient sts = StsClient.builder().endpointOverride(SERVER.endpoint())
            .region(Region.US_EAST_1).credentialsProvider(provider)
            .httpClient(UrlConnectionHttpClient.create()).build();
        IamClient iam = IamClient.builder().endpointOverride(SERVER.endpoint())
            .region(Region.AWS_GLOBAL).credentialsProvider(provider)
            .httpClient(UrlConnectionHttpClient.create()).build()) {
      assertThat(sts.getCallerIdentity().arn()).matches("arn:aws:sts::" + SERVER.accountId()
          + ":assumed-role/app-task/portcullis-container-[0-9a-f]{16}");
      assertThat(iam.listUsers().users()).extracting(u -> u.userName()).contains("admin");
      assertThatThrownBy(() -> iam.createUser(b -> b.userName("intruder")))
          .isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          });
    } finally {
      System.clearProperty("aws.containerCredentialsFullUri");
      System.clearProperty("aws.containerAuthorizationToken");
    }
    assertThat(SERVER.adminIam().getRole(b -> b.roleName("app-task")).role().roleLastUsed()
        .lastUsedDate()).isNotNull();
  }

  @Test
  void boto3_withOnlyTheContainerVariables_callsAsTheAssumedRole() throws Exception {
    Result r = run(List.of("python3", "-c", "import boto3, sys; print(boto3.client('sts', "
        + "endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])",
        SERVER.endpoint().toString()), containerEnvironment(
        SERVER.containerCredentialsUri("app-task"), SERVER.containerTokenFile()));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().trim()).startsWith("arn:aws:sts::" + SERVER.accountId()
        + ":assumed-role/app-task/portcullis-container-");
  }

  @Test
  void serve_withContainerRoles_printsTheExportsTheAwsCliUses(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("log");
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), log,
        "--container-credentials-role", "cli-task", "--container-credentials-role", "other")) {
      try (IamClient admin = server.iam(server.adminCredentials())) {
        admin.createRole(b -> b.roleName("cli-task").assumeRolePolicyDocument(TRUST_ECS_TASKS));
      }
      awaitLog(log, "(?s)AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=.*"
          + "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=\\S+\\n");
      String printed = Files.readString(log);
      String uri = exported(printed, "AWS_CONTAINER_CREDENTIALS_FULL_URI").get(0);
      List<String> tokenFiles = exported(printed, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
      assertThat(uri).isEqualTo(server.endpoint() + "/container-credentials/cli-task");
      assertThat(exported(printed, "AWS_CONTAINER_CREDENTIALS_FULL_URI").get(1))
          .isEqualTo(server.endpoint() + "/container-credentials/other");
      Path tokenFile = Path.of(tokenFiles.get(0));
      assertThat(tokenFile).isAbsolute().isEqualTo(dir.resolve("data")
          .resolve("container-credentials-token").toAbsolutePath());

      List<String> cmd = List.of("aws", "sts", "get-caller-identity", "--endpoint-url",
          server.endpoint().toString(), "--output", "json");
      Result r = run(cmd, containerEnvironment(uri, tokenFile));
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(JSON.readTree(r.stdout()).path("Arn").asText())
          .contains(":assumed-role/cli-task/portcullis-container-");

      String token = Files.readString(tokenFile);
      String line = awaitLog(log, "container-credentials cli-task 200[^\\n]*");
      assertThat(line).contains("role=arn:aws:iam::").contains(":role/cli-task");
      String all = Files.readString(log);
      assertThat(all).doesNotContain(token);
      String secret = JSON.readTree(get(uri, token).body()).path("SecretAccessKey").asText();
      assertThat(secret).hasSize(40);
      Thread.sleep(200);
      assertThat(Files.readString(log)).doesNotContain(secret).doesNotContain(token);
    }
  }

  @Test
  void tokenFile_isTheOwnersOnlyAndHoldsOneLineOfUrlSafeBase64() throws Exception {
    Path file = SERVER.containerTokenFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    // botocore sends the file's text as it is and refuses a token with a line break.
    assertThat(Files.readString(file)).matches("[A-Za-z0-9_-]{43,}");
  }

  @Test
  void endpoint_withWrongOrMissingToken_refusesWithAJsonError() throws Exception {
    HttpResponse<String> wrong = get(SERVER.containerCredentialsUri("app-task"), "not-it");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(wrong.body()).path("Code").asText())
        .isEqualTo("InvalidAuthorizationToken");
    assertThat(wrong.headers().firstValue("content-type")).contains("application/json");

    HttpResponse<String> missing = get(SERVER.containerCredentialsUri("app-task"), null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(missing.body()).path("Message").asText())
        .contains("Authorization");
  }

  @Test
  void endpoint_withUnknownRole_answersNotFound() throws Exception {
    HttpResponse<String> notVended = get(SERVER.containerCredentialsUri("app-task-2"), token());
    assertThat(notVended.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(notVended.body()).path("Message").asText())
        .contains("--container-credentials-role");

    HttpResponse<String> noRole = get(SERVER.containerCredentialsUri("absent-role"), token());
    assertThat(noRole.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(noRole.body()).path("Code").asText()).isEqualTo("NoSuchEntity");
  }

  @Test
  void endpoint_whenTrustDoesNotAllowEcsTasks_refusesWithTheReason() throws Exception {
    HttpResponse<String> r = get(SERVER.containerCredentialsUri("ec2-only"), token());
    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("Code").asText()).isEqualTo("AccessDenied");
    assertThat(body.path("Message").asText()).contains(":role/ec2-only")
        .contains("ecs-tasks.amazonaws.com").doesNotContain("Exception");
  }

  @Test
  void endpoint_whenTrustConditionsOnTheSourceAccount_vendsAsEcsWould() throws Exception {
    // The confused-deputy guard AWS recommends for service roles.
    SERVER.adminIam().createRole(b -> b.roleName("own-account-task").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\","
        + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"" + SERVER.accountId()
        + "\"}}}]}"));
    assertThat(credentials("own-account-task").path("RoleArn").asText())
        .endsWith(":role/own-account-task");
  }

  @Test
  void endpoint_whenTrustIsWithdrawn_stopsVendingAtOnce() throws Exception {
    assertThat(credentials("withdrawn-task").path("AccessKeyId").asText()).startsWith("ASIA");
    SERVER.adminIam().updateAssumeRolePolicy(b -> b.roleName("withdrawn-task")
        .policyDocument(trust("ec2.amazonaws.com")));
    assertThat(get(SERVER.containerCredentialsUri("withdrawn-task"), token()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void endpoint_withAnotherMethod_refuses() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create(SERVER.containerCredentialsUri("app-task"))).header("Authorization", token())
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }

  @Test
  void endpoint_answersWhatEcsAnswers_andTheSameSessionUntilNearExpiry() throws Exception {
    JsonNode first = credentials("refresh-task");
    assertThat(first.path("AccessKeyId").asText()).startsWith("ASIA").hasSize(20);
    assertThat(first.path("SecretAccessKey").asText()).hasSize(40);
    assertThat(first.path("Token").asText()).isNotEmpty();
    assertThat(first.path("RoleArn").asText()).isEqualTo("arn:aws:iam::" + SERVER.accountId()
        + ":role/refresh-task");
    assertThat(first.path("AccountId").asText()).isEqualTo(SERVER.accountId());
    assertThat(first.path("Expiration").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    Instant expires = Instant.parse(first.path("Expiration").asText());
    assertThat(Duration.between(CLOCK.instant(), expires)).isBetween(Duration.ofMinutes(59),
        Duration.ofMinutes(60));

    assertThat(credentials("refresh-task")).isEqualTo(first);
    CLOCK.shift(Duration.ofMinutes(44));
    assertThat(credentials("refresh-task")).isEqualTo(first);
  }

  @Test
  void endpoint_withinFifteenMinutesOfExpiry_issuesNewCredentialsAndTheOldKeepWorking()
      throws Exception {
    JsonNode old = credentials("rotate-task");
    CLOCK.shift(Duration.ofMinutes(46));
    JsonNode fresh = credentials("rotate-task");
    assertThat(fresh.path("AccessKeyId").asText()).isNotEqualTo(old.path("AccessKeyId")
        .asText());
    assertThat(Instant.parse(fresh.path("Expiration").asText()))
        .isAfter(Instant.parse(old.path("Expiration").asText()));
    assertThat(callerIdentity(old).statusCode()).isEqualTo(200);
    assertThat(callerIdentity(fresh).statusCode()).isEqualTo(200);

    CLOCK.shift(Duration.ofMinutes(61));
    HttpResponse<String> expired = callerIdentity(old);
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(expired.body()).contains("<Code>ExpiredToken</Code>");
    assertThat(callerIdentity(fresh).statusCode()).isEqualTo(200);
  }

  private static String trust(String service) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"" + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  private static String token() throws IOException {
    return Files.readString(SERVER.containerTokenFile());
  }

  private static JsonNode credentials(String role) throws Exception {
    HttpResponse<String> r = get(SERVER.containerCredentialsUri(role), token());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> get(String uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
    if (token != null) {
      request.header("Authorization", token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * GetCallerIdentity with vended credentials, signed at the server's (moved) time: the SDK
   * signs at the real time, which the server would refuse as skewed.
   */
  private static HttpResponse<String> callerIdentity(JsonNode credentials) throws Exception {
    byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", SERVER.endpoint().getAuthority());
    headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    headers.put("X-Amz-Security-Token", credentials.path("Token").asText());
    Map<String, String> signed = SigV4Signer.sign("POST", "/", "", headers, body,
        credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
        "us-east-1", "sts", CLOCK.instant());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signed.forEach((k, v) -> {
      if (!k.equals("Host")) {
        request.header(k, v);
      }
    });
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A workload's environment: no keys, no credentials or config file, the two variables. */
  private static Map<String, String> containerEnvironment(String uri, Path tokenFile) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri);
    env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    return env;
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(List<String> cmd, Map<String, String> awsEnvironment)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().putAll(awsEnvironment);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(cmd + " timed out");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  /** The first text in the server's log matching {@code regex}, waiting up to 10 s for it. */
  private static String awaitLog(Path log, String regex) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Matcher m = pattern.matcher(Files.readString(log));
      if (m.find()) {
        return m.group();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + regex + " in " + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  private static List<String> exported(String log, String variable) {
    Matcher m = Pattern.compile("export " + variable + "=(\\S+)").matcher(log);
    List<String> values = new ArrayList<>();
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }
}
