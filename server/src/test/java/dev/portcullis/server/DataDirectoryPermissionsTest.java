package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and every file in it are private on every start, however they were left. */
class DataDirectoryPermissionsTest {
  @TempDir Path parent;

  @Test
  void start_whenModesWereLoosenedByHand_makesDirectoryAndEveryFilePrivateAgain()
      throws Exception {
    Path data = parent.resolve("data");
    try (PortcullisServer first = PortcullisServer.start(ServerConfig.local(data, 0))) {
      assertThat(first.port()).isPositive();
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Stream<Path> files = Files.list(data)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    Files.writeString(data.resolve("notes.txt"), "left here by someone");
    Files.setPosixFilePermissions(data.resolve("notes.txt"),
        PosixFilePermissions.fromString("rw-rw-rw-"));

    try (PortcullisServer again = PortcullisServer.start(ServerConfig.local(data, 0))) {
      assertThat(mode(data)).isEqualTo("rwx------");
      // While the server runs, SQLite's write-ahead log and shared-memory index exist too.
      assertThat(data.resolve("portcullis.db-wal")).exists();
      assertThat(data.resolve("portcullis.db-shm")).exists();
      try (Stream<Path> files = Files.list(data)) {
        assertThat(files.toList()).isNotEmpty().allSatisfy(f ->
            assertThat(mode(f)).as(f.getFileName().toString()).isEqualTo("rw-------"));
      }
    }
  }

  @Test
  void start_onANewDirectory_createsTheDatabaseAndItsLogPrivate() throws Exception {
    Path data = parent.resolve("fresh");

    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data, 0))) {
      for (String name : new String[] {"portcullis.db", "portcullis.db-wal",
          "portcullis.db-shm", "master.key", "credentials"}) {
        assertThat(mode(data.resolve(name))).as(name).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void create_whenTheDataDirectoryIsASymbolicLink_makesTheDirectoryItNamesPrivate()
      throws Exception {
    // e.g. ~/.portcullis linked to a larger disk: the files are where the link points.
    Path real = Files.createDirectory(parent.resolve("real"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path secret = Files.writeString(real.resolve("master.key"), "left readable");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(parent.resolve("data"), real);

    new DataDirectory(link).create();

    assertThat(mode(real)).isEqualTo("rwx------");
    assertThat(mode(secret)).isEqualTo("rw-------");
  }

  @Test
  void create_whenALinkInTheDirectoryPointsOutside_leavesItsTargetAlone() throws Exception {
    Path outside = Files.writeString(parent.resolve("outside.txt"), "not ours to change");
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
    Path data = Files.createDirectory(parent.resolve("data"));
    Files.createSymbolicLink(data.resolve("planted"), outside);

    new DataDirectory(data).create();

    assertThat(mode(outside)).isEqualTo("rw-r--r--");
    assertThat(mode(data)).isEqualTo("rwx------");
  }

  @Test
  void create_whenTheDataDirectoryBelongsToAnotherUser_refusesToStart() throws Exception {
    // Only root can give a directory away (and, as root, could change its mode whoever owns
    // it): the case where the owner, not the mode, decides who can replace the master key.
    assumeTrue(new UnixSystem().getUid() == 0, "needs root to give a directory away");
    Path data = Files.createDirectory(parent.resolve("planted"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setAttribute(data, "unix:uid", 65534);

    assertThatThrownBy(() -> new DataDirectory(data).create())
        .hasMessageContaining("owned by uid 65534, not by the user running Portcullis");
  }

  private static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
