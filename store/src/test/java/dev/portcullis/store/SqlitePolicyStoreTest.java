package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class SqlitePolicyStoreTest extends PolicyStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshSqlite();
  }
}
