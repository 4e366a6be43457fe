package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class PostgresMfaDeviceStoreTest extends MfaDeviceStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshPostgres();
  }
}
