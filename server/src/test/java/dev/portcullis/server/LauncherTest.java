package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code ./portcullis} launcher gives the JVM a heap limit suited to the machine. */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent()
      .resolve("portcullis");

  @Test
  void launcher_setsAHeapLimitOfHalfTheMemoryBetween256MiBAnd8GiB() throws Exception {
    String command = dryRun(null);

    Matcher heap = Pattern.compile(" -Xmx(\\d+)m ").matcher(command);
    assertThat(heap.find()).as(command).isTrue();
    long memTotalMib = memTotalKib() / 1024;
    assertThat(Long.parseLong(heap.group(1)))
        .isEqualTo(Math.max(256, Math.min(8192, memTotalMib / 2)));
    assertThat(command).contains("-XX:+ExitOnOutOfMemoryError");
  }

  @Test
  void launcher_whenJavaOptsGiveAHeap_putsThemLastSoTheyWin() throws Exception {
    String command = dryRun("-Xmx300m");

    assertThat(command.lastIndexOf("-Xmx300m")).isGreaterThan(command.indexOf("-Xmx"));
    assertThat(command.indexOf("-Xmx300m")).isLessThan(command.indexOf(" -jar "));
  }

  private static String dryRun(String javaOpts) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(LAUNCHER.toString(), "serve"))
        .redirectErrorStream(true);
    pb.environment().put("PORTCULLIS_LAUNCHER_DRY_RUN", "1");
    pb.environment().remove("PORTCULLIS_JAVA_OPTS");
    if (javaOpts != null) {
      pb.environment().put("PORTCULLIS_JAVA_OPTS", javaOpts);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.trim();
  }

  /** The memory the launcher sizes the heap from: the machine's, or a lower cgroup limit. */
  private static long memTotalKib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
        for (String f : List.of("/sys/fs/cgroup/memory.max",
            "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
          Path limit = Path.of(f);
          if (Files.isReadable(limit)) {
            String v = Files.readString(limit).trim();
            if (v.matches("\\d+")) {
              kib = Math.min(kib, Long.parseLong(v) / 1024);
            }
          }
        }
        return kib;
      }
    }
    throw new IllegalStateException("no MemTotal in /proc/meminfo");
  }
}
