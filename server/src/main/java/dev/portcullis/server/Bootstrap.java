package dev.portcullis.server;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.ops.AccessKeyOperations;
import java.util.Optional;

/**
 * First start: creates the account and a bootstrap administrator: the IAM user {@value
 * #ADMIN_USER} in the group {@value #ADMIN_GROUP}, which has AdministratorAccess attached, with
 * an access key written to the credentials file. No root access key is ever created.
 */
final class Bootstrap {
  static final String ADMIN_USER = "admin";
  static final String ADMIN_GROUP = "Administrators";
  static final String ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
  static final String PROFILE = "portcullis";

  private Bootstrap() {}

  /** The account this server serves, creating it and its administrator on first start. */
  static Account ensure(IamContext ctx, DataDirectory dir, String requestedAccountId) {
    Optional<Account> existing = ctx.store().read(tx -> tx.accounts().primary());
    if (existing.isPresent()) {
      if (requestedAccountId != null && !requestedAccountId.equals(existing.get().accountId())) {
        throw new IllegalStateException("the data directory already serves account "
            + existing.get().accountId() + ", not " + requestedAccountId);
      }
      return existing.get();
    }
    String accountId = requestedAccountId != null ? requestedAccountId : ctx.ids().accountId();
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("an account id is 12 digits: " + accountId);
    }
    AccessKeyOperations.Issued key = ctx.store().write(tx -> {
      Account account = new Account(accountId, ctx.clock().instant());
      tx.accounts().create(account);
      User admin = new User(accountId, ctx.ids().entityId(Ids.IdPrefix.AIDA), ADMIN_USER, "/",
          ctx.clock().instant(), null, null);
      tx.users().insert(admin);
      Group admins = new Group(accountId, ctx.ids().entityId(Ids.IdPrefix.AGPA), ADMIN_GROUP,
          "/", ctx.clock().instant());
      tx.groups().insert(admins);
      tx.groups().addMember(accountId, admins.groupId(), admin.userId());
      tx.attachments().attach(accountId, PrincipalKind.GROUP, admins.groupId(), ADMIN_POLICY,
          ctx.clock().instant());
      return AccessKeyOperations.issue(ctx, tx, admin);
    });
    dir.writeCredentials(PROFILE, key.key().accessKeyId(), key.secret());
    return new Account(accountId, ctx.clock().instant());
  }
}
