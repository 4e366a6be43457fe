package dev.portcullis.iam.root;

import dev.portcullis.iam.credentials.PasswordRules;
import dev.portcullis.iam.domain.PasswordClassMinimums;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.iam.store.StoreTx;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The root user's passwords: the rules a new one meets (the account's password policy, its
 * Portcullis-only rules, and neither the e-mail address's name nor the alias), and generated
 * ones for a start without a terminal or a reset without a password given.
 */
public final class RootPasswords {
  /** Generated passwords are at least this long: about 150 bits from 88 characters. */
  static final int GENERATED_LENGTH = 24;
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
      + "23456789" + PasswordRules.SYMBOLS;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RootPasswords() {}

  /** What a new root password of {@code accountId} is checked against, read in {@code tx}. */
  public static PasswordRules.Requirements requirements(StoreTx tx, String accountId,
      String email) {
    return requirements(tx.passwordPolicies().find(accountId).orElse(null),
        tx.passwordPolicies().classMinimums(accountId), tx.accounts().alias(accountId)
            .orElse(null), email);
  }

  /** The requirements from what they are made of (alias null: none). */
  public static PasswordRules.Requirements requirements(PasswordPolicy policy,
      PasswordClassMinimums minimums, String alias, String email) {
    List<PasswordRules.ContextWord> context = new ArrayList<>();
    context.add(new PasswordRules.ContextWord("name of the root user's e-mail address",
        RootEmail.localPart(email)));
    if (alias != null) {
      context.add(new PasswordRules.ContextWord("account alias", alias));
    }
    return new PasswordRules.Requirements(policy, minimums, context);
  }

  /** A new random password meeting {@code requirements} (SecureRandom; never a default). */
  public static String generate(PasswordRules.Requirements requirements) {
    PasswordClassMinimums m = requirements.minimums();
    int length = Math.max(GENERATED_LENGTH, m.digits() + m.uppercase() + m.lowercase()
        + m.symbols() + 8);
    if (requirements.policy() != null) {
      length = Math.max(length, requirements.policy().minimumLength());
    }
    // Random draws meet class rules almost always; the loop only guards the rare miss.
    for (int attempt = 0; ; attempt++) {
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
      String candidate = out.toString();
      if (PasswordRules.violations(requirements, candidate).isEmpty()) {
        return candidate;
      }
      if (attempt == 1_000) {
        length *= 2; // class minimums close to the length: room for them
      }
    }
  }
}
