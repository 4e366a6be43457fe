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
      // (Batches of 20 events: more than the free pages the schema's upgrade left in the file.)
      for (int i = 0; i < 40; i++) {
        List<dev.portcullis.iam.domain.AuditEvent> batch = new java.util.ArrayList<>();
        for (int j = 0; j < 20; j++) {
          batch.add(AuditStoreContractTest.event("GetUser", Instant.now()));
        }
        store.writeUsage(tx -> tx.audit().append(batch));
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (Files.size(db) == before && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.size(db)).isGreaterThan(before);
    }
  }
}
