package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.PasswordPolicy;
import java.util.Optional;

/** Each account's custom password policy; an account without one uses AWS's default policy. */
public interface PasswordPolicyStore {
  Optional<PasswordPolicy> find(String accountId);

  /** Sets the whole policy, replacing any earlier one. */
  void put(String accountId, PasswordPolicy policy);

  /** Removes the policy; false when the account had none. */
  boolean delete(String accountId);
}
