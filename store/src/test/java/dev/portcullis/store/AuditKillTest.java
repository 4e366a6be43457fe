package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.StoredAuditEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Kills (SIGKILL) a process recording a burst of calls and counts what the trail lost: no
 * acknowledged change may be missing, the chain must verify, and at most the queue and the
 * batch in flight of acknowledged read-only events may be missing. Prints the loss window it
 * measured: how long before the kill the oldest lost event was acknowledged.
 */
class AuditKillTest {
  private static final Pattern REQUEST_ID = Pattern.compile("\"requestID\":\"([^\"]+)\"");

  @Test
  void sigkill_duringABurst_losesNoChangeAndAtMostTheQueuedReads() throws Exception {
    long worstMillis = 0;
    for (int round = 0; round < 3; round++) {
      Path dir = Files.createTempDirectory("portcullis-kill");
      String url = "jdbc:sqlite:" + dir.resolve("audit.db");
      JdbcStore.open(url, null, null).close(); // migrate before the clock starts
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          AuditBurst.class.getName(), url).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      Map<String, Long> acked = new ConcurrentHashMap<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            acked.put(line, System.nanoTime());
          }
        } catch (java.io.IOException e) {
          // the child died
        }
      });
      reader.start();
      long started = System.nanoTime();
      while (acked.size() < 2000 && System.nanoTime() - started < 20_000_000_000L) {
        Thread.sleep(50);
      }
      Thread.sleep(300 + round * 250L);
      long killedAt = System.nanoTime();
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close()
      child.waitFor();
      reader.join();

      Set<String> stored = new HashSet<>();
      List<StoredAuditEvent> chain;
      try (JdbcStore store = JdbcStore.open(url, null, null)) {
        chain = store.read(tx -> tx.audit().range(0, Integer.MAX_VALUE));
      }
      String previous = AuditChain.GENESIS;
      for (StoredAuditEvent e : chain) {
        assertThat(e.previousHash()).isEqualTo(previous);
        assertThat(e.hash()).isEqualTo(AuditChain.hash(previous, e.event().record()));
        previous = e.hash();
        Matcher m = REQUEST_ID.matcher(e.event().record());
        assertThat(m.find()).isTrue();
        stored.add(m.group(1));
      }
      long oldestMissing = killedAt;
      int missingReads = 0;
      int reads = 0;
      for (Map.Entry<String, Long> a : acked.entrySet()) {
        String id = a.getKey().substring(2);
        if (a.getKey().startsWith("w ")) {
          assertThat(stored).as("acknowledged change " + id).contains(id);
        } else {
          reads++;
          if (!stored.contains(id)) {
            missingReads++;
            oldestMissing = Math.min(oldestMissing, a.getValue());
          }
        }
      }
      long windowMillis = (killedAt - oldestMissing) / 1_000_000;
      worstMillis = Math.max(worstMillis, windowMillis);
      System.out.printf("audit kill round %d: %d acknowledged reads, %d missing, loss window "
          + "%d ms; %d events in an unbroken chain%n", round, reads, missingReads, windowMillis,
          chain.size());
      // The bound is by count, not time (a loaded machine slows the writer, and callers with
      // it): the queue and the batch being written.
      assertThat(missingReads).isLessThanOrEqualTo(2 * 1_000);
    }
    System.out.printf("audit kill: largest loss window %d ms%n", worstMillis);
  }
}
