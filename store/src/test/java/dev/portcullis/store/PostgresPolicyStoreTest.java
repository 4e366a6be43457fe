package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class PostgresPolicyStoreTest extends PolicyStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshPostgres();
  }
}
