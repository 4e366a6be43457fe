package dev.portcullis.server.multinode;

import dev.portcullis.store.Propagation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * How long a change made on node A takes to show on node B, two nodes on one PostgreSQL
 * database. Each change alternately puts and deletes an inline Deny of iam:GetUser on a user;
 * once A has answered, a client polls B with that user's GetUser, back to back, until the
 * decision flips. Between changes it waits a random 0-1 s, so changes fall at any moment of B's
 * cache lifetime. Two setups: {@code in-process}, two servers in this JVM on an embedded
 * PostgreSQL, with LISTEN/NOTIFY and with the time bound alone (notifications off); and {@code
 * processes}, two {@code serve} processes on Debian's PostgreSQL, with LISTEN/NOTIFY only ({@code
 * serve} has no option to turn notifications off). Not a test (never run by the build): {@code
 * bench/propagation.sh [CHANGES] [in-process|processes]}.
 */
public final class PropagationBenchmark {
  private static final String DENY = "{\"Version\":\"2012-10-17\",\"Statement\":"
      + "[{\"Effect\":\"Deny\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
  private static final String ALLOW = DENY.replace("Deny", "Allow");
  private static final Duration FALLBACK = Duration.ofSeconds(1);
  private static final long GIVE_UP_NANOS = Duration.ofSeconds(10).toNanos();

  private PropagationBenchmark() {}

  /** One change: from A's answer to the start and to the end of B's first request showing it. */
  private record Sample(long startNanos, long endNanos, int polls) {}

  /** Starts the two nodes of one row of the table. */
  @FunctionalInterface
  private interface Setup {
    NodePair start() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    String mode = args.length > 1 ? args[1] : "in-process";
    System.out.println("| propagation | changes | first request showing it, from A's answer: "
        + "started p50 / p99 / max ms | answered p50 / p99 / max ms | polls per change |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    switch (mode) {
      case "in-process" -> {
        for (boolean notify : new boolean[] {true, false}) {
          Propagation propagation = new Propagation(notify, FALLBACK);
          System.out.println(row("in process, " + (notify ? "LISTEN/NOTIFY (fallback 1 s)"
              : "fallback 1 s only"), run(() -> TwoNodes.start(propagation), changes)));
        }
      }
      case "processes" -> System.out.println(row("serve processes, LISTEN/NOTIFY (fallback 1 s)",
          run(TwoProcesses::start, changes)));
      default -> throw new IllegalArgumentException("mode: in-process or processes, not " + mode);
    }
  }

  private static List<Sample> run(Setup setup, int changes) throws Exception {
    Random random = new Random(7);
    try (NodePair nodes = setup.start();
        IamClient admin = nodes.iamOnA(nodes.admin())) {
      admin.createUser(r -> r.userName("bench"));
      admin.putUserPolicy(r -> r.userName("bench").policyName("allow").policyDocument(ALLOW));
      AccessKey key = admin.createAccessKey(r -> r.userName("bench")).accessKey();
      try (IamClient onB = nodes.iamOnB(
          AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
        warmUp(onB);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
          Thread.sleep(random.nextInt(1000));
          boolean deny = i % 2 == 0;
          if (deny) {
            admin.putUserPolicy(r -> r.userName("bench").policyName("deny").policyDocument(DENY));
          } else {
            admin.deleteUserPolicy(r -> r.userName("bench").policyName("deny"));
          }
          samples.add(poll(onB, deny ? 403 : 200));
        }
        return samples;
      }
    }
  }

  private static void warmUp(IamClient onB) {
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < until) {
      status(onB);
    }
  }

  /** Polls B until it answers {@code expected}. */
  private static Sample poll(IamClient onB, int expected) {
    long changed = System.nanoTime();
    int polls = 0;
    while (true) {
      long start = System.nanoTime();
      int status = status(onB);
      long end = System.nanoTime();
      polls++;
      if (status == expected) {
        return new Sample(start - changed, end - changed, polls);
      }
      if (end - changed > GIVE_UP_NANOS) {
        throw new IllegalStateException("node B did not see the change in 10 s");
      }
    }
  }

  private static int status(IamClient onB) {
    try {
      onB.getUser(r -> r.userName("bench"));
      return 200;
    } catch (IamException e) {
      return e.statusCode();
    }
  }

  private static String row(String label, List<Sample> samples) {
    long[] starts = samples.stream().mapToLong(Sample::startNanos).map(n -> Math.max(0, n))
        .sorted().toArray();
    long[] ends = samples.stream().mapToLong(Sample::endNanos).sorted().toArray();
    double polls = samples.stream().mapToInt(Sample::polls).average().orElse(0);
    return String.format("| %s | %d | %s | %s | %.1f |", label, samples.size(),
        percentiles(starts), percentiles(ends), polls);
  }

  private static String percentiles(long[] sorted) {
    return String.format("%.1f / %.1f / %.1f", ms(at(sorted, 0.50)), ms(at(sorted, 0.99)),
        ms(sorted[sorted.length - 1]));
  }

  /** The nearest-rank percentile. */
  private static long at(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
