package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class PostgresStoreTest extends StoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshPostgres();
  }
}
