package dev.portcullis.server.testing;

import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Runs one in-process server on a free port with a fresh data directory for a test class, and
 * hands out SDK clients signed with the bootstrap administrator's key or any other key.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
  private final Clock clock;
  private List<String> containerRoles = List.of();
  private boolean defaultDataDirName;
  private Path root;
  private Path dataDir;
  private PortcullisServer server;
  private AwsBasicCredentials admin;

  /** A server on the system clock. */
  public ServerExtension() {
    this(Clock.systemUTC());
  }

  /** A server whose time is {@code clock} (e.g. a {@link MutableClock}). */
  public ServerExtension(Clock clock) {
    this.clock = clock;
  }

  /** This server with the container-credentials endpoint on for {@code roles}. */
  public ServerExtension withContainerCredentialsRoles(String... roles) {
    containerRoles = List.of(roles);
    return this;
  }

  /**
   * This server with its data directory named as {@code serve} names it by default, {@code
   * portcullis-data} in {@link #workingDirectory()}, so that commands a user runs there (the
   * README's {@code ./portcullis audit events}) find it without {@code --data-dir}.
   */
  public ServerExtension withDefaultDataDirName() {
    defaultDataDirName = true;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    root = Files.createTempDirectory("portcullis-test");
    dataDir = defaultDataDirName ? Files.createDirectory(root.resolve("portcullis-data")) : root;
    server = PortcullisServer.start(ServerConfig.local(dataDir, 0).withClock(clock)
        .withContainerCredentialsRoles(containerRoles));
    admin = CredentialsFile.read(server.dataDirectory().credentialsFile(), "portcullis");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    server.close();
    deleteTree(root);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The running server's store, for tests that set up what no API operation makes. */
  public dev.portcullis.iam.store.Store store() {
    return server.store();
  }

  public String accountId() {
    return server.accountId();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The directory a user would start {@code serve} in: the data directory or its parent. */
  public Path workingDirectory() {
    return root;
  }

  /** What the server prints for AWS_CONTAINER_CREDENTIALS_FULL_URI of {@code role}. */
  public String containerCredentialsUri(String role) {
    return server.containerCredentialsUri(role);
  }

  /** What the server prints for AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE. */
  public Path containerTokenFile() {
    return server.dataDirectory().containerCredentialsTokenFile();
  }

  public AwsBasicCredentials adminCredentials() {
    return admin;
  }

  public IamClient adminIam() {
    return iam(admin);
  }

  public StsClient adminSts() {
    return sts(admin);
  }

  /**
   * Lets the user {@code userName} call {@code actions} on any resource, with an inline policy
   * named {@code test-grant} (replacing an earlier grant).
   */
  public void allow(String userName, String... actions) {
    StringBuilder list = new StringBuilder();
    for (String action : actions) {
      list.append(list.length() == 0 ? "" : ",").append('"').append(action).append('"');
    }
    try (IamClient iam = adminIam()) {
      iam.putUserPolicy(b -> b.userName(userName).policyName("test-grant").policyDocument(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
          + list + "],\"Resource\":\"*\"}]}"));
    }
  }

  public IamClient iam(AwsCredentials credentials) {
    return IamClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** An administrator's IAM client whose response bodies {@code raw} keeps. */
  public IamClient adminIam(RawResponses raw) {
    return IamClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(admin))
        .overrideConfiguration(c -> c.addExecutionInterceptor(raw))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** An administrator's STS client whose response bodies {@code raw} keeps. */
  public StsClient adminSts(RawResponses raw) {
    return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(admin))
        .overrideConfiguration(c -> c.addExecutionInterceptor(raw))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  public StsClient sts(AwsCredentials credentials) {
    return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** Deletes a temporary directory and everything in it. */
  public static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
