package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.store.InstallationStore.WrappedDataKey;
import dev.portcullis.store.JdbcStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data key in the database, wrapped by the master key each node is given. */
class KeyHierarchyTest {
  private static final Clock CLOCK = Clock.systemUTC();
  @TempDir
  Path dir;

  @Test
  void open_whenFirstStart_storesARandomDataKeyOnlyInWrappedForm() throws IOException {
    MasterKey master = key("a.key");
    try (JdbcStore store = store()) {
      String sealed = KeyHierarchy.open(store, master, CLOCK).encrypt("secret", "AKIA1");
      WrappedDataKey stored = store.read(tx -> tx.installation().dataKey()).orElseThrow();
      assertThat(stored.keyId()).isEqualTo(1);
      assertThat(stored.wrapped()).startsWith("v1:").doesNotContain(text(master));
      // The data key is not the master key: a secret sealed under it does not open with it.
      assertThatThrownBy(() -> new SecretCipher(master.bytes()).decrypt(sealed, "AKIA1"))
          .isInstanceOf(IllegalStateException.class);
      assertThat(KeyHierarchy.open(store, master, CLOCK).decrypt(sealed, "AKIA1"))
          .isEqualTo("secret");
    }
  }

  @Test
  void open_whenMasterKeyIsAnother_refusesWithMessageNamingTheOption() throws IOException {
    try (JdbcStore store = store()) {
      KeyHierarchy.open(store, key("a.key"), CLOCK);
      MasterKey other = key("b.key");
      assertThatThrownBy(() -> KeyHierarchy.open(store, other, CLOCK))
          .isInstanceOf(KeyHierarchy.WrongMasterKeyException.class)
          .hasMessageContaining("does not open this database's data key (wrong "
              + "--master-key-file or PORTCULLIS_MASTER_KEY?)")
          .hasMessageNotContaining(text(other));
    }
  }

  @Test
  void open_whenDatabaseHasSecretsSealedUnderTheMasterKey_keepsOpeningThem() throws IOException {
    MasterKey master = key("master.key");
    try (JdbcStore store = store()) {
      // The layout before the key hierarchy: an account, its secrets sealed under master.key.
      store.write(tx -> {
        tx.accounts().create(new Account("123456789012", Instant.now()));
        return null;
      });
      String old = new SecretCipher(master.bytes()).encrypt("old secret", "AKIAOLD");
      assertThat(KeyHierarchy.open(store, master, CLOCK).decrypt(old, "AKIAOLD"))
          .isEqualTo("old secret");
      boolean stored = store.read(tx -> tx.installation().dataKey().isPresent());
      assertThat(stored).isTrue();
    }
  }

  @Test
  void rewrap_whenRotated_newMasterKeyOpensTheSameDataKeyAndTheOldOneNoLonger()
      throws IOException {
    MasterKey old = key("old.key");
    MasterKey next = key("new.key");
    try (JdbcStore store = store()) {
      String sealed = KeyHierarchy.open(store, old, CLOCK).encrypt("secret", "AKIA1");
      KeyHierarchy.rewrap(store, old, next, CLOCK);
      assertThat(KeyHierarchy.open(store, next, CLOCK).decrypt(sealed, "AKIA1"))
          .isEqualTo("secret");
      assertThatThrownBy(() -> KeyHierarchy.open(store, old, CLOCK))
          .isInstanceOf(KeyHierarchy.WrongMasterKeyException.class);
      assertThatThrownBy(() -> KeyHierarchy.rewrap(store, old, next, CLOCK))
          .isInstanceOf(KeyHierarchy.WrongMasterKeyException.class);
    }
  }

  @Test
  void fromFile_whenNotA32ByteKey_failsWithoutShowingTheContent() throws IOException {
    Path file = dir.resolve("short.key");
    Files.writeString(file, "c2VjcmV0LXNob3J0LWtleQ==\n");
    assertThatThrownBy(() -> MasterKey.fromFile(file))
        .hasMessageContaining("does not hold a master key")
        .hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void readableByOthers_whenKeyFileIsGroupOrWorldReadable_isTrueAndFalseFor0600()
      throws IOException {
    Path file = dir.resolve("k");
    Files.writeString(file, "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(MasterKey.readableByOthers(file)).isTrue();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(MasterKey.readableByOthers(file)).isFalse();
  }

  private JdbcStore store() {
    return JdbcStore.open("jdbc:sqlite:" + dir.resolve("test.db"), null, null);
  }

  private MasterKey key(String name) throws IOException {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    Path file = dir.resolve(name);
    Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n");
    return MasterKey.fromFile(file);
  }

  private static String text(MasterKey key) {
    return Base64.getEncoder().encodeToString(key.bytes());
  }
}
