package dev.portcullis.iam.credentials;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.LoginProfile;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Accepts a new password for a user wherever one is set (CreateLoginProfile, UpdateLoginProfile,
 * ChangePassword): the account's policy rules, then reuse prevention, then hashing. The clear
 * password lives only in the request; the store sees its Argon2id hash alone.
 *
 * <p>Every Argon2id derivation (tens of milliseconds, 19 MiB) runs outside any transaction, on
 * what a read found (a {@link Basis}); the write then only checks, cheaply, that the basis still
 * holds. Hashing inside the write held a database connection and the user's row lock meanwhile,
 * so one user flooding ChangePassword queued requests that starved the node's connection pool.
 */
final class Passwords {
  /** The history kept per user: enough for the largest PasswordReusePrevention (24). */
  static final int HISTORY_KEPT = 24;
  private static final int ATTEMPTS = 3;

  private Passwords() {}

  /**
   * What a new password of {@code userId} is checked against: the account's password policy,
   * the user's recent hashes it forbids reusing, and the current hash (null without a profile).
   */
  record Basis(String userId, PasswordRules.Requirements requirements,
      List<String> recentHashes, String currentHash) {
    PasswordPolicy policy() {
      return requirements.policy();
    }

    /** Leaves the hashes out of logs and failed assertions. */
    @Override
    public String toString() {
      return "Basis[" + userId + "]";
    }
  }

  /** Reads, in {@code tx}, what a new password of {@code user} is checked against. */
  static Basis basis(StoreTx tx, User user) {
    PasswordPolicy policy = tx.passwordPolicies().find(user.accountId()).orElse(null);
    List<String> recent = policy != null && policy.reusePrevention() > 0
        ? tx.loginProfiles().recentHashes(user.accountId(), user.userId(),
            policy.reusePrevention())
        : List.of();
    String current = tx.loginProfiles().find(user.accountId(), user.userId())
        .map(LoginProfile::passwordHash).orElse(null);
    return new Basis(user.userId(), requirements(tx, user.accountId(), policy,
        new PasswordRules.ContextWord("user name", user.name())), recent, current);
  }

  /**
   * The rules a new password of a principal of {@code accountId} meets: {@code policy}, the
   * account's minimum counts per character class, and neither {@code name} nor the alias.
   */
  static PasswordRules.Requirements requirements(StoreTx tx, String accountId,
      PasswordPolicy policy, PasswordRules.ContextWord name) {
    List<PasswordRules.ContextWord> context = new ArrayList<>(List.of(name));
    tx.accounts().alias(accountId).ifPresent(a ->
        context.add(new PasswordRules.ContextWord("account alias", a)));
    return new PasswordRules.Requirements(policy,
        tx.passwordPolicies().classMinimums(accountId), context);
  }

  /**
   * Reads the basis of the user {@code target} finds in a read transaction, or throws what
   * {@code target} throws. Runs no Argon2id.
   */
  static Basis read(IamContext ctx, Function<StoreTx, User> target) {
    return ctx.store().read(tx -> basis(tx, target.apply(tx)));
  }

  /**
   * Checks {@code password} against the policy and the reuse history of {@code basis} and
   * hashes it; outside any transaction.
   */
  static String hash(IamContext ctx, Basis basis, String password) {
    PasswordRules.check(basis.requirements(), password);
    for (String hash : basis.recentHashes()) {
      if (ctx.passwords().matches(password, hash)) {
        throw AwsException.of(ErrorCode.PASSWORD_POLICY_VIOLATION,
            "Password should not match any of the last %d passwords",
            basis.policy().reusePrevention());
      }
    }
    return ctx.passwords().hash(password);
  }

  /**
   * In the write that sets {@code hash}: throws {@link StaleBasis} if the password, its history
   * or the policy changed since {@code basis} was read (a racing change), else records {@code
   * hash} in the user's history.
   */
  static void remember(IamContext ctx, StoreTx tx, User user, Basis basis, String hash) {
    if (!user.userId().equals(basis.userId()) || !basis(tx, user).equals(basis)) {
      throw new StaleBasis();
    }
    tx.loginProfiles().remember(user.accountId(), user.userId(), hash, ctx.clock().instant(),
        HISTORY_KEPT);
  }

  /**
   * Runs {@code attempt} (read a basis, check and hash outside, write) again while another
   * change made its basis stale, so it answers as if it ran after that change;
   * ConcurrentModification after {@value #ATTEMPTS} attempts.
   */
  static <T> T retryingStale(Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (StaleBasis e) {
        if (n == ATTEMPTS) {
          throw new AwsException(ErrorCode.CONCURRENT_MODIFICATION, "The request was rejected "
              + "because multiple requests to change this object were submitted "
              + "simultaneously. Wait a few minutes and submit your request again.");
        }
      }
    }
  }

  /** The basis a password was checked against changed before the write. */
  private static final class StaleBasis extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StaleBasis() {
      super("the password changed meanwhile", null, false, false);
    }
  }

  /** Whether {@code password} opens {@code basis}'s current hash; outside any transaction. */
  static boolean matchesCurrent(IamContext ctx, Basis basis, String password) {
    return Optional.ofNullable(basis.currentHash())
        .map(h -> password != null && ctx.passwords().matches(password, h)).orElse(false);
  }
}
