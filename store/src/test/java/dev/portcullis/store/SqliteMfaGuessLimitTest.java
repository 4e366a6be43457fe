package dev.portcullis.store;

class SqliteMfaGuessLimitTest extends MfaGuessLimitContractTest {
  @Override
  JdbcStore openStore() {
    return Databases.freshSqlite();
  }
}
