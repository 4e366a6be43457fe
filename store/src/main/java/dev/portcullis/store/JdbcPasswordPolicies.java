package dev.portcullis.store;

import dev.portcullis.iam.domain.PasswordClassMinimums;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.iam.store.PasswordPolicyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Account password policies on JDBC, one row per account that has a custom policy. */
final class JdbcPasswordPolicies implements PasswordPolicyStore {
  private final Sql sql;

  JdbcPasswordPolicies(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<PasswordPolicy> find(String accountId) {
    return sql.one("SELECT * FROM password_policies WHERE account_id = ?",
        JdbcPasswordPolicies::map, accountId);
  }

  @Override
  public void put(String accountId, PasswordPolicy p) {
    delete(accountId);
    sql.update("INSERT INTO password_policies (account_id, minimum_length, require_symbols, "
        + "require_numbers, require_uppercase, require_lowercase, allow_users_to_change, "
        + "max_password_age, reuse_prevention, hard_expiry) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", accountId, p.minimumLength(),
        p.requireSymbols(), p.requireNumbers(), p.requireUppercase(), p.requireLowercase(),
        p.allowUsersToChangePassword(), p.maxPasswordAge(), p.reusePrevention(),
        p.hardExpiry());
  }

  @Override
  public boolean delete(String accountId) {
    return sql.update("DELETE FROM password_policies WHERE account_id = ?", accountId) > 0;
  }

  @Override
  public PasswordClassMinimums classMinimums(String accountId) {
    return sql.one("SELECT * FROM password_class_minimums WHERE account_id = ?",
        rs -> new PasswordClassMinimums(rs.getInt("min_digits"), rs.getInt("min_uppercase"),
            rs.getInt("min_lowercase"), rs.getInt("min_symbols")), accountId)
        .orElse(PasswordClassMinimums.NONE);
  }

  @Override
  public void putClassMinimums(String accountId, PasswordClassMinimums m) {
    sql.update("DELETE FROM password_class_minimums WHERE account_id = ?", accountId);
    sql.update("INSERT INTO password_class_minimums (account_id, min_digits, min_uppercase, "
        + "min_lowercase, min_symbols) VALUES (?, ?, ?, ?, ?)", accountId, m.digits(),
        m.uppercase(), m.lowercase(), m.symbols());
  }

  private static PasswordPolicy map(ResultSet rs) throws SQLException {
    return new PasswordPolicy(rs.getInt("minimum_length"), rs.getBoolean("require_symbols"),
        rs.getBoolean("require_numbers"), rs.getBoolean("require_uppercase"),
        rs.getBoolean("require_lowercase"), rs.getBoolean("allow_users_to_change"),
        rs.getInt("max_password_age"), rs.getInt("reuse_prevention"),
        rs.getBoolean("hard_expiry"));
  }
}
