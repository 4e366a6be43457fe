package dev.portcullis.store;

import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.store.AccountStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Accounts on JDBC. */
final class JdbcAccounts implements AccountStore {
  private final Sql sql;

  JdbcAccounts(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void create(Account account) {
    sql.update("INSERT INTO accounts (account_id, created_at) VALUES (?, ?)",
        account.accountId(), account.createdAt());
  }

  @Override
  public Optional<Account> find(String accountId) {
    // Locked in a write: account-wide settings (the alias) are changed by one writer at a time.
    return sql.one("SELECT * FROM accounts WHERE account_id = ?" + sql.forNoKeyUpdate(),
        JdbcAccounts::map, accountId);
  }

  @Override
  public Optional<Account> primary() {
    return sql.one("SELECT * FROM accounts ORDER BY created_at, account_id LIMIT 1",
        JdbcAccounts::map);
  }

  @Override
  public Optional<String> alias(String accountId) {
    return sql.one("SELECT account_alias FROM accounts WHERE account_id = ? "
        + "AND account_alias IS NOT NULL",
        rs -> rs.getString(1), accountId);
  }

  @Override
  public Optional<String> accountWithAlias(String alias) {
    return sql.one("SELECT account_id FROM accounts WHERE account_alias = ?",
        rs -> rs.getString(1), alias);
  }

  @Override
  public void setAlias(String accountId, String alias) {
    sql.update("UPDATE accounts SET account_alias = ? WHERE account_id = ?", alias,
        accountId);
  }

  private static Account map(ResultSet rs) throws SQLException {
    return new Account(rs.getString("account_id"), Sql.instant(rs, "created_at"));
  }
}
