package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What an operator may mistake for a master key file is refused at once, with a message. */
class MasterKeyFileTest {
  @Test
  void fromFile_whenGivenAnEndlessDevice_refusesAtOnce() {
    // "--master-key-file /dev/urandom" for "head -c 32 /dev/urandom | base64 > FILE": before,
    // the whole device was read into memory until the heap ran out.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertThatThrownBy(() -> MasterKey.fromFile(Path.of("/dev/zero")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("/dev/zero does not hold a master key");
    });
  }

  @Test
  void fromFile_whenTheFileHoldsAKeyAndANewline_readsIt(@org.junit.jupiter.api.io.TempDir
      Path dir) throws Exception {
    Path file = dir.resolve("master.key");
    java.nio.file.Files.writeString(file, "A".repeat(43) + "=\n");

    assertThat(MasterKey.fromFile(file).source()).isEqualTo(file.toString());
  }
}
