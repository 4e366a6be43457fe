package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalCheckpointerTest {
  @TempDir
  Path dir;

  @Test
  void commits_belowSqlitesOwnCheckpointThreshold_reachTheDatabaseFileFromTheBackgroundCheckpoint()
      throws Exception {
    Path db = dir.resolve("store.db");
    try (JdbcStore store = JdbcStore.open("jdbc:sqlite:" + db, null, null)) {
      store.checkpoint(); // the schema is in the file; from here only the writes below count
      long before = Files.size(db);
      // A few hundred log pages: below the 1,000 at which a commit would checkpoint itself.
      for (int i = 0; i < 40; i++) {
        store.writeUsage(tx -> tx.audit().append(List.of(
            AuditStoreContractTest.event("GetUser", Instant.now()))));
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (Files.size(db) == before && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.size(db)).isGreaterThan(before);
    }
  }
}
