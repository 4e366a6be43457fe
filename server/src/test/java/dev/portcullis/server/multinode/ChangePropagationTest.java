package dev.portcullis.server.multinode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.store.Propagation;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * Two nodes on one PostgreSQL database: a change made through node A takes effect on node B at
 * once, although B would otherwise trust what it has in memory for a minute.
 */
class ChangePropagationTest {
  /** The fallback bound: nothing here can pass by it. */
  private static final Duration FALLBACK = Duration.ofMinutes(1);
  /** Far below the fallback, far above a notification's delivery time on a busy machine. */
  private static final Duration PROMPT = Duration.ofSeconds(5);
  private static final String DENY_GET_USER = "{\"Version\":\"2012-10-17\",\"Statement\":"
      + "[{\"Effect\":\"Deny\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
  private static final String ALLOW_GET_USER = "{\"Version\":\"2012-10-17\",\"Statement\":"
      + "[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
  private static TwoNodes nodes;
  private static IamClient adminOnA;

  @BeforeAll
  static void start() throws Exception {
    nodes = TwoNodes.start(Propagation.DEFAULT.withMaxStaleness(FALLBACK));
    adminOnA = nodes.iamOnA(nodes.admin());
  }

  @AfterAll
  static void stop() throws Exception {
    adminOnA.close();
    nodes.close();
  }

  @Test
  void denyAttachedOnNodeA_whenCallerAsksNodeB_isEnforcedPromptly() {
    try (IamClient carolOnB = nodes.iamOnB(userWithKey("carol"))) {
      assertThat(status(() -> carolOnB.getUser(r -> r.userName("carol")))).isEqualTo(200);

      adminOnA.putUserPolicy(r -> r.userName("carol").policyName("deny")
          .policyDocument(DENY_GET_USER));

      assertThat(awaitStatus(() -> carolOnB.getUser(r -> r.userName("carol")), 403)).isTrue();

      adminOnA.deleteUserPolicy(r -> r.userName("carol").policyName("deny"));

      assertThat(awaitStatus(() -> carolOnB.getUser(r -> r.userName("carol")), 200)).isTrue();
    }
  }

  @Test
  void accessKeyDeletedOnNodeA_whenUsedOnNodeB_isRefusedPromptly() {
    AwsBasicCredentials dave = userWithKey("dave");
    try (IamClient daveOnB = nodes.iamOnB(dave)) {
      assertThat(status(() -> daveOnB.getUser(r -> r.userName("dave")))).isEqualTo(200);

      adminOnA.deleteAccessKey(r -> r.userName("dave").accessKeyId(dave.accessKeyId()));

      // AWS answers an unknown access key id with 403 InvalidClientTokenId.
      assertThat(awaitStatus(() -> daveOnB.getUser(r -> r.userName("dave")), 403)).isTrue();
      IamException refused = catchIam(() -> daveOnB.getUser(r -> r.userName("dave")));
      assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
    }
  }

  /** A new user allowed GetUser, with an access key; both created through node A. */
  private static AwsBasicCredentials userWithKey(String name) {
    adminOnA.createUser(r -> r.userName(name));
    adminOnA.putUserPolicy(r -> r.userName(name).policyName("allow")
        .policyDocument(ALLOW_GET_USER));
    AccessKey key = adminOnA.createAccessKey(r -> r.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  /** Whether {@code call} answers {@code expected} within {@link #PROMPT}. */
  private static boolean awaitStatus(Supplier<?> call, int expected) {
    long deadline = System.nanoTime() + PROMPT.toNanos();
    while (System.nanoTime() < deadline) {
      if (status(call) == expected) {
        return true;
      }
    }
    return false;
  }

  private static int status(Supplier<?> call) {
    try {
      call.get();
      return 200;
    } catch (IamException e) {
      return e.statusCode();
    }
  }

  private static IamException catchIam(Supplier<?> call) {
    try {
      call.get();
    } catch (IamException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }
}
