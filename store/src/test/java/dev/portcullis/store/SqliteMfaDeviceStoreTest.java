package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class SqliteMfaDeviceStoreTest extends MfaDeviceStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshSqlite();
  }
}
