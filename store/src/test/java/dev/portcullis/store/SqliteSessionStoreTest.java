package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class SqliteSessionStoreTest extends SessionStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshSqlite();
  }
}
