package dev.portcullis.server.races;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A user allowed only to change their own password cannot starve a PostgreSQL node of database
 * connections: password hashing (Argon2id, tens of milliseconds each) is not done while a
 * transaction holds a connection and the user's row lock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresPasswordHashingRaceTest {
  private static final int ATTACKERS = 48;
  private RaceNodes nodes;

  @BeforeAll
  void start() throws Exception {
    nodes = RaceNodes.postgresProcesses(1);
  }

  @AfterAll
  void stop() throws Exception {
    nodes.close();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void changePassword_whenOneUserFloodsIt_leavesOtherRequestsAnswered() throws Exception {
    IamClient admin = nodes.iam(0);
    admin.updateAccountPasswordPolicy(b -> b.allowUsersToChangePassword(true)
        .minimumPasswordLength(8).passwordReusePrevention(24));
    admin.createUser(b -> b.userName("self"));
    admin.createLoginProfile(b -> b.userName("self").password("Start-pass-0"));
    var key = admin.createAccessKey(b -> b.userName("self")).accessKey();
    IamClient self = IamClient.builder().endpointOverride(URI.create(nodes.endpoint(0)))
        .region(Region.AWS_GLOBAL).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .httpClient(UrlConnectionHttpClient.create()).build();

    AtomicBoolean attacking = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
    for (int i = 0; i < ATTACKERS; i++) {
      pool.execute(() -> {
        while (attacking.get()) {
          try {
            self.changePassword(b -> b.oldPassword("Wrong-pass-1").newPassword("Other-pass-2"));
          } catch (RuntimeException expected) {
            // InvalidUserType: the old password is incorrect
          }
        }
      });
    }
    List<Long> millis = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try {
      Thread.sleep(1_000);
      for (int i = 0; i < 30; i++) {
        long start = System.nanoTime();
        try {
          admin.getUser(b -> b.userName("self"));
        } catch (RuntimeException e) {
          failures.add(e.getMessage());
        }
        millis.add((System.nanoTime() - start) / 1_000_000);
        Thread.sleep(100);
      }
    } finally {
      attacking.set(false);
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
    System.out.println("GetUser ms under ChangePassword flood: " + millis);
    assertThat(failures).isEmpty();
    assertThat(millis.stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThan(1_000);
  }
}
