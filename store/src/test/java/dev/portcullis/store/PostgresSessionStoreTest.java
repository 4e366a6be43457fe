package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class PostgresSessionStoreTest extends SessionStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshPostgres();
  }
}
