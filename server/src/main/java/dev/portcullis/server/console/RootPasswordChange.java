package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.credentials.PasswordRules;
import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.util.Optional;

/**
 * The root user's own password change in the console: IAM's ChangePassword is for IAM users
 * only, so root's is checked here (the current password, then the account's password rules)
 * and recorded as CloudTrail records it, a PasswordUpdated sign-in event. TODO(root): use
 * branch root's PasswordRules reasons (blocklist, the account alias) once it is merged.
 */
final class RootPasswordChange {
  private final IamContext ctx;
  private final SignInEvents events;

  RootPasswordChange(IamContext ctx, SignInEvents events) {
    this.ctx = ctx;
    this.events = events;
  }

  /** Changes root's password; throws the AwsException a user would see. */
  void change(Caller.Root root, RequestFacts facts, String oldPassword, String newPassword) {
    String accountId = root.accountId();
    try {
      Optional<RootUser> user = ctx.store().read(tx -> tx.rootUser().find(accountId));
      if (user.isEmpty() || !ctx.passwords().matches(oldPassword, user.get().passwordHash())) {
        // As ChangePassword answers a wrong old password.
        throw new AwsException(ErrorCode.INVALID_USER_TYPE, "The old password is incorrect.");
      }
      PasswordRules.check(ctx.store().read(tx -> tx.passwordPolicies().find(accountId))
          .orElse(null), newPassword);
      String hash = ctx.passwords().hash(newPassword);
      ctx.store().write(tx -> {
        tx.rootUser().setPassword(accountId, hash, false, ctx.clock().instant());
        return null;
      });
      events.rootPasswordUpdated(facts, root.userIdentity(), accountId, true, null);
    } catch (AwsException e) {
      events.rootPasswordUpdated(facts, root.userIdentity(), accountId, false, e.getMessage());
      throw e;
    } catch (UnsupportedOperationException e) {
      // Until branch root's store is merged there is no root user to change.
      throw new AwsException(ErrorCode.NO_SUCH_ENTITY, "The root user has no password here.");
    }
  }
}
