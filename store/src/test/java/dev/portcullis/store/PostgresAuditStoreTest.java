package dev.portcullis.store;

import dev.portcullis.iam.store.Store;
import org.junit.jupiter.api.Test;

class PostgresAuditStoreTest extends AuditStoreContractTest {
  private String url;

  @Override
  Store openStore() {
    url = Databases.freshPostgresUrl();
    return JdbcStore.open(url, "postgres", "postgres");
  }

  @Test
  void append_fromTwoStoresOnOneDatabase_keepsOneUnbrokenChain() throws Exception {
    try (Store second = JdbcStore.open(url, "postgres", "postgres")) {
      appendConcurrently(store, second);
    }
  }
}
