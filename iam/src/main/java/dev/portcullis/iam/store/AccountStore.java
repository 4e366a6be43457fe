package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.Account;
import java.util.Optional;

/** Accounts and their account-wide settings. */
public interface AccountStore {
  void create(Account account);

  Optional<Account> find(String accountId);

  /** The first account created, which a single-account server serves. */
  Optional<Account> primary();

  /** The account's alias, if it has one (an account has at most one). */
  Optional<String> alias(String accountId);

  /** The account that holds an alias; aliases are unique across all accounts. */
  Optional<String> accountWithAlias(String alias);

  /** Sets the account's alias, replacing any earlier one; null removes it. */
  void setAlias(String accountId, String alias);
}
