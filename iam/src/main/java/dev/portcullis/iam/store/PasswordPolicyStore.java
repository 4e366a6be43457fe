package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.PasswordClassMinimums;
import dev.portcullis.iam.domain.PasswordPolicy;
import java.util.Optional;

/** Each account's custom password policy; an account without one uses AWS's default policy. */
public interface PasswordPolicyStore {
  Optional<PasswordPolicy> find(String accountId);

  /** Sets the whole policy, replacing any earlier one. */
  void put(String accountId, PasswordPolicy policy);

  /** Removes the policy; false when the account had none. */
  boolean delete(String accountId);

  /** The account's minimum counts per character class (V095); NONE when never set. */
  PasswordClassMinimums classMinimums(String accountId);

  /** Sets the account's minimum counts per character class, replacing earlier ones. */
  void putClassMinimums(String accountId, PasswordClassMinimums minimums);
}
