package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class SqlitePasskeyStoreTest extends PasskeyStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshSqlite();
  }
}
