package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class SqliteInstallationStoreTest extends InstallationStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshSqlite();
  }
}
