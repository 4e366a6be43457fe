package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile root password files: a FIFO, a huge file, bytes that are not UTF-8. */
final class RootPasswordFileTest {
  @TempDir Path dir;

  @Test
  void readPasswordFile_whenAFifo_isRefusedAtOnceInsteadOfHanging() throws Exception {
    Path fifo = dir.resolve("pw");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor()).isZero();
    var read = CompletableFuture.supplyAsync(() -> {
      try {
        return RootOptions.readPasswordFile(fifo.toString());
      } catch (RuntimeException e) {
        return "refused: " + e.getMessage();
      }
    });
    assertThat(read.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS))
        .contains("not a regular file");
  }

  @Test
  void readPasswordFile_whenHuge_isRefusedWithoutReadingItAll() throws Exception {
    Path file = dir.resolve("pw");
    Files.write(file, new byte[8 << 20]);
    assertThatThrownBy(() -> RootOptions.readPasswordFile(file.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than 4096");
  }

  @Test
  void readPasswordFile_whenNotUtf8_isRefusedWithAUsageError() throws Exception {
    Path file = dir.resolve("pw");
    Files.write(file, new byte[] {'a', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThatThrownBy(() -> RootOptions.readPasswordFile(file.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not UTF-8");
  }

  @Test
  void readPasswordFile_whenOrdinary_dropsTheTrailingNewline() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "Correct-Horse-9\n");
    assertThat(RootOptions.readPasswordFile(file.toString())).isEqualTo("Correct-Horse-9");
  }
}
