package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.testing.PortcullisCli;
import dev.portcullis.server.testing.ServerProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Eight writers calling CreateUser (tagged), TagUser and CreateAccessKey on a user each, spread
 * over the given servers, until the servers are killed: the writes the servers acknowledged,
 * each with the request id the client was given. Then the checks every such burst needs: each
 * acknowledged write has its event in the trail, and {@code audit verify --store} passes.
 */
final class WriteBurst {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIGESTS = Pattern.compile("(\\d+)/(\\d+) digest files valid");

  /** One acknowledged write: the response's request id, the operation, the user it named. */
  record Write(String requestId, String operation, String userName) {}

  /** A way to kill every server of the burst at once (SIGKILL). */
  interface Kill {
    void run() throws Exception;
  }

  private WriteBurst() {}

  /**
   * Runs the writers until {@code before} has passed since the first acknowledged write, then
   * {@code kill}; returns what was acknowledged.
   */
  static List<Write> untilKilled(List<ServerProcess> servers, AwsBasicCredentials admin,
      Duration before, Kill kill) throws Exception {
    ConcurrentLinkedQueue<Write> acknowledged = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failedBeforeTheKill = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean killed = new AtomicBoolean(false);
    ExecutorService writers = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      int thread = t;
      writers.submit(() -> {
        IamClient iam = servers.get(thread % servers.size()).iam(admin);
        for (int i = 0; running.get(); i++) {
          String name = "burst-" + thread + "-" + i;
          try {
            acknowledged.add(new Write(iam.createUser(b -> b.userName(name)
                .tags(x -> x.key("n").value(name))).responseMetadata().requestId(),
                "CreateUser", name));
            acknowledged.add(new Write(iam.tagUser(b -> b.userName(name)
                .tags(x -> x.key("again").value(name))).responseMetadata().requestId(),
                "TagUser", name));
            acknowledged.add(new Write(iam.createAccessKey(b -> b.userName(name))
                .responseMetadata().requestId(), "CreateAccessKey", name));
          } catch (RuntimeException e) {
            if (!killed.get()) {
              failedBeforeTheKill.add(name + ": " + e);
            }
            return; // the server is gone: this write was never acknowledged
          }
        }
      });
    }
    // The burst's clock starts at its first acknowledged write: clients and a cold server
    // take a while on a loaded machine, and the kill should land in full swing.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (acknowledged.isEmpty() && failedBeforeTheKill.isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(before.toMillis());
    killed.set(true);
    kill.run();
    running.set(false);
    writers.shutdown();
    assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(failedBeforeTheKill).as("writes that failed while the servers ran").isEmpty();
    return List.copyOf(acknowledged);
  }

  /**
   * Asserts that every write of {@code acknowledged} has its event, found by request id with
   * {@code portcullis audit events --json} on the database {@code storeOptions} name, and that
   * {@code portcullis audit verify --store} finds the trail intact with at least one digest.
   */
  static void assertTrailHasEveryWriteAndVerifies(PortcullisCli cli, List<String> storeOptions,
      List<Write> acknowledged) throws Exception {
    List<String> events = new java.util.ArrayList<>(List.of("audit", "events", "--json",
        "--max-items", "10000000"));
    events.addAll(storeOptions);
    PortcullisCli.Result listed = cli.run(events);
    assertThat(listed.exitCode()).as(listed.describe()).isZero();
    Map<String, JsonNode> byRequestId = new HashMap<>();
    for (String line : listed.stdout().lines().toList()) {
      JsonNode record = JSON.readTree(line);
      byRequestId.put(record.path("requestID").asText(), record);
    }
    for (Write w : acknowledged) {
      JsonNode record = byRequestId.get(w.requestId());
      assertThat(record).as("the event of acknowledged %s", w).isNotNull();
      assertThat(record.path("eventName").asText()).as("%s", w).isEqualTo(w.operation());
      assertThat(record.path("requestParameters").path("userName").asText()).as("%s", w)
          .isEqualTo(w.userName());
      assertThat(record.has("errorCode")).as("%s", w).isFalse();
    }

    List<String> verify = new java.util.ArrayList<>(List.of("audit", "verify", "--store"));
    verify.addAll(storeOptions);
    PortcullisCli.Result verified = cli.run(verify);
    assertThat(verified.exitCode()).as(verified.describe()).isZero();
    assertThat(verified.stdout()).contains("The audit trail is intact.");
    Matcher digests = DIGESTS.matcher(verified.stdout());
    assertThat(digests.find()).as(verified.stdout()).isTrue();
    assertThat(Integer.parseInt(digests.group(1))).as(verified.stdout()).isPositive()
        .isEqualTo(Integer.parseInt(digests.group(2)));
  }
}
