package dev.portcullis.server.races;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Fires requests at once (all threads wait on one latch) and collects how each was answered. */
final class Race {
  /** Requests per race. */
  static final int REQUESTS = 20;

  /** An answer: "OK", or an AWS error code with its HTTP status ("LimitExceeded 409"). */
  record Outcome(String answer) {
    boolean ok() {
      return answer.equals("OK");
    }
  }

  private Race() {}

  /** Runs {@code request.accept(i)} for i in [0, n) concurrently; returns each answer. */
  static List<Outcome> run(int n, IntConsumer request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await();
          try {
            request.accept(index);
            return new Outcome("OK");
          } catch (AwsServiceException e) {
            return new Outcome(e.awsErrorDetails().errorCode() + " " + e.statusCode());
          }
        }));
      }
      start.countDown();
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** How many requests got each answer, e.g. {OK=2, LimitExceeded 409=18}. */
  /**
   * Runs {@code n} requests at once, the even-numbered ones {@code even} and the odd-numbered
   * ones {@code odd}: a delete racing the additions to what it deletes, say.
   */
  static List<Outcome> alternating(int n, IntConsumer even, IntConsumer odd) throws Exception {
    return run(n, i -> (i % 2 == 0 ? even : odd).accept(i));
  }

  static Map<String, Integer> tally(List<Outcome> outcomes) {
    Map<String, Integer> t = new TreeMap<>();
    outcomes.forEach(o -> t.merge(o.answer(), 1, Integer::sum));
    return t;
  }

  /** Every answer is a success or one of {@code allowed} (never a 500). */
  static void assertAnswers(List<Outcome> outcomes, String... allowed) {
    List<String> ok = new ArrayList<>(List.of(allowed));
    ok.add("OK");
    assertThat(tally(outcomes).keySet()).as("answers %s", tally(outcomes)).isSubsetOf(ok);
  }

  static long successes(List<Outcome> outcomes) {
    return outcomes.stream().filter(Outcome::ok).count();
  }
}
