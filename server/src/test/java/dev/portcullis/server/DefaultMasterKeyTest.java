package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node given no master key makes its data directory's {@code master.key} only for a database
 * that has nothing sealed yet: a node that must refuse to start leaves no key of its own behind.
 */
class DefaultMasterKeyTest {
  @TempDir
  Path dir;

  @Test
  void start_whenDatabaseHasADataKeyAndNoMasterKeyIsGiven_refusesAndWritesNoMasterKeyFile()
      throws Exception {
    Path data = dir.resolve("data");
    try (PortcullisServer first = PortcullisServer.start(ServerConfig.local(data, 0))) {
      assertThat(first.bootstrapped()).isTrue();
    }
    // The shared key kept elsewhere; this node is started without it, as a forgetful
    // operator would start a second node.
    Path masterKey = data.resolve("master.key");
    Files.move(masterKey, dir.resolve("kept.key"));

    assertThatThrownBy(() -> PortcullisServer.start(ServerConfig.local(data, 0)))
        .isInstanceOf(KeyHierarchy.WrongMasterKeyException.class)
        .hasMessageContaining("--master-key-file or PORTCULLIS_MASTER_KEY");
    // Before: a fresh master.key was made, then refused, and stayed (a key that opens nothing,
    // taken for the node's key on the next start without options).
    assertThat(masterKey).doesNotExist();
  }
}
