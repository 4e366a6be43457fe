package dev.portcullis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's files and directories are private (0600, 0700) from their creation. */
class ExportFilesTest {
  @TempDir
  Path dir;

  @Test
  void create_whenOpen_theFileAndEachNewDirectoryArePrivateBeforeAnyByteIsWritten()
      throws Exception {
    Path root = dir.resolve("export");
    try (OutputStream out = ExportFiles.create(root, "a/b/file.json.gz")) {
      assertThat(mode(root.resolve("a/b/file.json.gz"))).isEqualTo("rw-------");
      assertThat(mode(root)).isEqualTo("rwx------");
      assertThat(mode(root.resolve("a"))).isEqualTo("rwx------");
      assertThat(mode(root.resolve("a/b"))).isEqualTo("rwx------");
      out.write(1);
    }
    assertThat(Files.readAllBytes(root.resolve("a/b/file.json.gz"))).containsExactly(1);
  }

  @Test
  void create_whenTheFileExists_failsAndLeavesItAlone() throws Exception {
    ExportFiles.write(dir, "f", new byte[] {7});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExportFiles.create(dir, "f"))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(Files.readAllBytes(dir.resolve("f"))).containsExactly(7);
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
