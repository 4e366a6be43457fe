package dev.portcullis.server.multinode;

import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.CredentialsFile;
import dev.portcullis.server.testing.ServerExtension;
import dev.portcullis.store.Propagation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Two in-process servers, A and B, on one embedded PostgreSQL database, sharing A's master key
 * (copied into B's data directory before B starts, as an operator would).
 */
final class TwoNodes implements NodePair {
  private final EmbeddedPostgres postgres;
  private final PortcullisServer a;
  private final PortcullisServer b;
  private final AwsBasicCredentials admin;

  private TwoNodes(EmbeddedPostgres postgres, PortcullisServer a, PortcullisServer b,
      AwsBasicCredentials admin) {
    this.postgres = postgres;
    this.a = a;
    this.b = b;
    this.admin = admin;
  }

  /** Starts PostgreSQL, then A (which bootstraps the account), then B. */
  static TwoNodes start(Propagation propagation) throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    try {
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE portcullis");
      }
      String url = postgres.getJdbcUrl("postgres", "portcullis");
      Path dirA = Files.createTempDirectory("portcullis-node-a");
      Path dirB = Files.createTempDirectory("portcullis-node-b");
      PortcullisServer a = PortcullisServer.start(config(dirA, url, propagation));
      Files.copy(a.dataDirectory().root().resolve("master.key"), dirB.resolve("master.key"),
          StandardCopyOption.COPY_ATTRIBUTES);
      PortcullisServer b = PortcullisServer.start(config(dirB, url, propagation));
      return new TwoNodes(postgres, a, b,
          CredentialsFile.read(a.dataDirectory().credentialsFile(), "portcullis"));
    } catch (Exception | Error e) {
      postgres.close();
      throw e;
    }
  }

  private static ServerConfig config(Path dir, String url, Propagation propagation) {
    return new ServerConfig("127.0.0.1", 0, dir, url, "postgres", "postgres", null)
        .withPropagation(propagation);
  }

  @Override
  public AwsBasicCredentials admin() {
    return admin;
  }

  @Override
  public IamClient iamOnA(AwsBasicCredentials credentials) {
    return iam(a, credentials);
  }

  @Override
  public IamClient iamOnB(AwsBasicCredentials credentials) {
    return iam(b, credentials);
  }

  /** A client that does not retry, so that each call is one request. */
  private static IamClient iam(PortcullisServer node, AwsCredentials credentials) {
    return IamClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + node.port()))
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @Override
  public void close() throws Exception {
    try {
      b.close();
      a.close();
    } finally {
      try {
        postgres.close();
      } catch (IOException ignored) {
        // the database goes with the process anyway
      }
      ServerExtension.deleteTree(a.dataDirectory().root());
      ServerExtension.deleteTree(b.dataDirectory().root());
    }
  }
}
