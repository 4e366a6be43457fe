package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class PostgresInstallationStoreTest extends InstallationStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshPostgres();
  }
}
