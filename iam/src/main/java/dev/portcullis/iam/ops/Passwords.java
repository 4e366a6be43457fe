package dev.portcullis.iam.ops;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.util.List;

/**
 * Accepts a new password for a user wherever one is set (CreateLoginProfile, UpdateLoginProfile,
 * ChangePassword): the account's policy rules, then reuse prevention, then hashing. The clear
 * password lives only in the request; the store sees its Argon2id hash alone.
 */
final class Passwords {
  /** The history kept per user: enough for the largest PasswordReusePrevention (24). */
  static final int HISTORY_KEPT = 24;

  private Passwords() {}

  /** Checks the password, records it in the user's history and returns its hash. */
  static String accept(IamContext ctx, StoreTx tx, User user, String password) {
    PasswordPolicy policy = tx.passwordPolicies().find(user.accountId()).orElse(null);
    PasswordRules.check(policy, password);
    if (policy != null && policy.reusePrevention() > 0) {
      List<String> recent = tx.loginProfiles().recentHashes(user.accountId(), user.userId(),
          policy.reusePrevention());
      for (String hash : recent) {
        if (ctx.passwords().matches(password, hash)) {
          throw AwsException.of(ErrorCode.PASSWORD_POLICY_VIOLATION,
              "Password should not match any of the last %d passwords",
              policy.reusePrevention());
        }
      }
    }
    String hash = ctx.passwords().hash(password);
    tx.loginProfiles().remember(user.accountId(), user.userId(), hash, ctx.clock().instant(),
        HISTORY_KEPT);
    return hash;
  }
}
