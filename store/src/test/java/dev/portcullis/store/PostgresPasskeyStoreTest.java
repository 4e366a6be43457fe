package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class PostgresPasskeyStoreTest extends PasskeyStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshPostgres();
  }
}
