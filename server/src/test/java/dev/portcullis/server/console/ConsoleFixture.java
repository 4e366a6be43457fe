package dev.portcullis.server.console;

import dev.portcullis.iam.audit.lookup.AuditLookup;
import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.CredentialsFile;
import dev.portcullis.server.testing.ServerExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** One in-process server for a console test class, its kept trail, and an admin IAM client. */
final class ConsoleFixture implements AutoCloseable {
  final PortcullisServer server;
  final KeptTrail trail;
  final Path root;
  private final AwsBasicCredentials admin;

  private ConsoleFixture(PortcullisServer server, KeptTrail trail, Path root) throws Exception {
    this.server = server;
    this.trail = trail;
    this.root = root;
    this.admin = CredentialsFile.read(server.dataDirectory().credentialsFile(), "portcullis");
  }

  static ConsoleFixture start(Clock clock, EdgeConfig edge) throws Exception {
    Path root = Files.createTempDirectory("portcullis-console");
    KeptTrail[] trail = new KeptTrail[1];
    PortcullisServer server = PortcullisServer.start(ServerConfig.local(root, 0)
        .withClock(clock), edge, t -> trail[0] = new KeptTrail(t), AuditLookup::of);
    return new ConsoleFixture(server, trail[0], root);
  }

  URI endpoint() {
    return URI.create(server.scheme() + "://127.0.0.1:" + server.port());
  }

  String accountId() {
    return server.accountId();
  }

  IamClient adminIam() {
    return IamClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(admin))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** Creates user {@code name} with console password {@code password}. */
  void user(String name, String password, boolean resetRequired) {
    try (IamClient iam = adminIam()) {
      iam.createUser(b -> b.userName(name));
      iam.createLoginProfile(b -> b.userName(name).password(password)
          .passwordResetRequired(resetRequired));
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    ServerExtension.deleteTree(root);
  }
}
