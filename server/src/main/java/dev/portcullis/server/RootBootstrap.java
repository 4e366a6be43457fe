package dev.portcullis.server;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.credentials.PasswordRules;
import dev.portcullis.iam.domain.PasswordClassMinimums;
import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.iam.root.RootEmail;
import dev.portcullis.iam.root.RootPasswords;
import dev.portcullis.iam.store.StoreTx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root user an account gets on first start: the e-mail address and password given, or a
 * placeholder address and a generated password. A generated password goes to one 0600 file,
 * written only once the root user is committed and never over an existing file; it must be
 * changed at the first sign-in. The log says where the file is, never what it holds.
 */
final class RootBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(RootBootstrap.class);
  private final String email;
  private final String password;
  private final boolean generated;
  private final String hash;

  /** The root user created by this start, as the log and the serve command report it. */
  record Created(String email, boolean placeholderEmail, Path generatedPasswordFile) {}

  private RootBootstrap(String email, String password, boolean generated, String hash) {
    this.email = email;
    this.password = password;
    this.generated = generated;
    this.hash = hash;
  }

  /**
   * Chooses the address and password of {@code accountId}'s root user, as {@code config}
   * says, and hashes the password (before any transaction: Argon2id holds no connection).
   * Throws IllegalArgumentException for an address of the wrong shape or a password the rules
   * of a new account refuse, and IllegalStateException when a password would be generated but
   * the file for it already exists.
   */
  static RootBootstrap plan(IamContext ctx, DataDirectory dir, String accountId,
      RootConfig config) {
    String given = config.email();
    if (given == null && config.prompt() != null) {
      given = config.prompt().email(RootEmail.placeholder(accountId));
    }
    String email = given == null ? RootEmail.placeholder(accountId) : RootEmail.checked(given);
    // A new account has no password policy, alias or class minimums yet: AWS's default rules.
    PasswordRules.Requirements rules = RootPasswords.requirements(null,
        PasswordClassMinimums.NONE, null, email);
    String chosen = config.password();
    if (chosen == null && config.prompt() != null) {
      chosen = config.prompt().password(email, p -> PasswordRules.violations(rules, p));
    }
    boolean generated = chosen == null;
    if (generated && Files.exists(dir.rootPasswordFile())) {
      throw new IllegalStateException(dir.rootPasswordFile() + " already exists: remove it, or "
          + "give the root password (--root-password-file or PORTCULLIS_ROOT_PASSWORD)");
    }
    String password = generated ? RootPasswords.generate(rules) : chosen;
    var reasons = PasswordRules.violations(rules, password);
    if (!reasons.isEmpty()) {
      throw new IllegalArgumentException("the root password is refused: "
          + String.join("; ", reasons));
    }
    return new RootBootstrap(email, password, generated, ctx.passwords().hash(password));
  }

  /** Inserts the root user in {@code tx} (EntityAlreadyExists if the account has one). */
  void insert(StoreTx tx, String accountId, Instant now) {
    tx.rootUser().insert(new RootUser(accountId, email, hash, generated, now, null, now));
  }

  /** After the commit: writes a generated password to its file and says what was done. */
  Created committed(DataDirectory dir) {
    boolean placeholder = RootEmail.isPlaceholder(email);
    if (placeholder) {
      LOG.warn("the root user's e-mail address is the placeholder {}: none was given "
          + "(--root-email or PORTCULLIS_ROOT_EMAIL) and there is no terminal to ask on", email);
    }
    if (!generated) {
      LOG.info("root user {} created with the password given", email);
      return new Created(email, placeholder, null);
    }
    dir.writeRootPassword(password);
    LOG.info("root user {} created; its generated password is in {} (readable by this user "
        + "only); it must be changed at the first sign-in", email, dir.rootPasswordFile());
    return new Created(email, placeholder, dir.rootPasswordFile());
  }

  /** Never prints the password or its hash. */
  @Override
  public String toString() {
    return "RootBootstrap[" + email + ", generated=" + generated + "]";
  }
}
