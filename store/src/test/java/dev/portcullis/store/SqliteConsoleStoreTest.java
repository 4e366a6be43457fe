package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class SqliteConsoleStoreTest extends ConsoleStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshSqlite();
  }
}
