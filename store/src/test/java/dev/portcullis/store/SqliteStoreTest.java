package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class SqliteStoreTest extends StoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshSqlite();
  }
}
