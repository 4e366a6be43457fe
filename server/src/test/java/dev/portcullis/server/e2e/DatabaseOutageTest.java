package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.NodeCluster;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.server.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** While PostgreSQL is down, nodes answer fast with an AWS error; they recover on their own. */
class DatabaseOutageTest {
  /** The longest any request may take during the outage: the pool waits 2.5 s at most. */
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final AtomicInteger USERS = new AtomicInteger();
  @TempDir
  Path dir;

  /** What a client saw of one request. */
  private record Answer(Duration took, int status, String code) {}

  @Test
  void requests_whenDatabaseIsDownForEightSeconds_failFastWithServiceUnavailableAndThenRecover()
      throws Exception {
    try (PostgresServer pg = PostgresServer.startNew();
        NodeCluster nodes = NodeCluster.start(dir, pg, 2)) {
      AwsBasicCredentials admin = nodes.adminCredentials();
      List<IamClient> clients = new ArrayList<>();
      for (ServerProcess node : nodes.nodes()) {
        clients.add(client(node, admin));
      }
      for (IamClient iam : clients) {
        assertThat(send(iam).status()).isEqualTo(200);
      }

      pg.stop();
      List<Answer> duringOutage = new ArrayList<>();
      long outageEnds = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      while (System.nanoTime() < outageEnds) {
        for (IamClient iam : clients) {
          duringOutage.add(send(iam));
        }
      }
      pg.start();

      assertThat(duringOutage).isNotEmpty().allSatisfy(a -> {
        assertThat(a.took()).isLessThan(BOUND);
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.code()).isEqualTo("ServiceUnavailable");
      });
      // The nodes were not restarted: each serves again once its pool reconnects.
      for (IamClient iam : clients) {
        Answer after = send(iam);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (after.status() != 200 && System.nanoTime() < deadline) {
          Thread.sleep(200);
          after = send(iam);
        }
        assertThat(after.status()).isEqualTo(200);
        assertThat(iam.getUser().user().userName()).isEqualTo("admin");
      }
    }
  }

  /** One write (CreateUser), which needs the database whatever is cached. */
  private static Answer send(IamClient iam) {
    long start = System.nanoTime();
    try {
      iam.createUser(b -> b.userName("u" + USERS.incrementAndGet()));
      return new Answer(Duration.ofNanos(System.nanoTime() - start), 200, "");
    } catch (AwsServiceException e) {
      return new Answer(Duration.ofNanos(System.nanoTime() - start), e.statusCode(),
          e.awsErrorDetails().errorCode());
    }
  }

  /** A client that neither retries nor gives up before the server answers (up to 30 s). */
  private static IamClient client(ServerProcess node, AwsBasicCredentials credentials) {
    return IamClient.builder().endpointOverride(node.endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30))
            .build()).build();
  }
}
