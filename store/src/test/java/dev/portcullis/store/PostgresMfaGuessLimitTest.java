package dev.portcullis.store;

class PostgresMfaGuessLimitTest extends MfaGuessLimitContractTest {
  @Override
  JdbcStore openStore() {
    return Databases.freshPostgres();
  }
}
