package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.Account;
import java.util.Optional;

/** Accounts and their account-wide settings. */
public interface AccountStore {
  void create(Account account);

  Optional<Account> find(String accountId);

  /** The first account created, which a single-account server serves. */
  Optional<Account> primary();
}
