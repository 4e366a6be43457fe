package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class PostgresConsoleStoreTest extends ConsoleStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshPostgres();
  }
}
