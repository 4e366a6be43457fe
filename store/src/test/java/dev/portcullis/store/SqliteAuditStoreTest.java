package dev.portcullis.store;

import dev.portcullis.iam.store.Store;

class SqliteAuditStoreTest extends AuditStoreContractTest {
  @Override
  Store openStore() {
    return Databases.freshSqlite();
  }
}
