package dev.portcullis.server;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.credentials.AccessKeyOperations;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.time.Instant;
import java.util.Optional;

/**
 * First start: creates the account and a bootstrap administrator: the IAM user {@value
 * #ADMIN_USER} in the group {@value #ADMIN_GROUP}, which has AdministratorAccess attached, with
 * an access key written to the credentials file. No root access key is ever created. Of several
 * nodes starting on one empty database only one bootstraps: its transaction claims the one row
 * of the {@code bootstrap} table, so another node's claim waits for it and then fails.
 */
final class Bootstrap {
  static final String ADMIN_USER = "admin";
  static final String ADMIN_GROUP = "Administrators";
  static final String ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
  static final String PROFILE = "portcullis";

  private Bootstrap() {}

  /** The account served, and whether this start created it. */
  record Outcome(Account account, boolean created) {}

  /** The account this server serves, creating it and its administrator on first start. */
  static Outcome ensure(IamContext ctx, DataDirectory dir, String requestedAccountId) {
    Optional<Account> existing = ctx.store().read(tx -> tx.accounts().primary());
    if (existing.isPresent()) {
      return new Outcome(checked(existing.get(), requestedAccountId), false);
    }
    String accountId = requestedAccountId != null ? requestedAccountId : ctx.ids().accountId();
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("an account id is 12 digits: " + accountId);
    }
    Instant now = ctx.clock().instant();
    AccessKeyOperations.Issued key;
    try {
      key = ctx.store().write(tx -> {
        if (tx.accounts().primary().isPresent()) {
          return null; // created since the read above
        }
        tx.installation().claimBootstrap(accountId, now);
        tx.accounts().create(new Account(accountId, now));
        User admin = new User(accountId, ctx.ids().entityId(Ids.IdPrefix.AIDA), ADMIN_USER, "/",
            now, null, null);
        tx.users().insert(admin);
        Group admins = new Group(accountId, ctx.ids().entityId(Ids.IdPrefix.AGPA), ADMIN_GROUP,
            "/", now);
        tx.groups().insert(admins);
        tx.groups().addMember(accountId, admins.groupId(), admin.userId());
        tx.attachments().attach(accountId, PrincipalKind.GROUP, admins.groupId(), ADMIN_POLICY,
            now);
        return AccessKeyOperations.issue(ctx, tx, admin);
      });
    } catch (AwsException e) {
      // A race lost even after the store's retries (see store/WriteConflict).
      if (!e.code().equals(ErrorCode.CONCURRENT_MODIFICATION)
          && !e.code().equals(ErrorCode.ENTITY_ALREADY_EXISTS)) {
        throw e;
      }
      key = null; // another node's bootstrap won the claim
    }
    if (key == null) {
      Account other = ctx.store().read(tx -> tx.accounts().primary()).orElseThrow(() ->
          new IllegalStateException("another node claimed the bootstrap but no account exists"));
      return new Outcome(checked(other, requestedAccountId), false);
    }
    dir.writeCredentials(PROFILE, key.key().accessKeyId(), key.secret());
    return new Outcome(new Account(accountId, now), true);
  }

  private static Account checked(Account existing, String requestedAccountId) {
    if (requestedAccountId != null && !requestedAccountId.equals(existing.accountId())) {
      throw new IllegalStateException("the database already serves account "
          + existing.accountId() + ", not " + requestedAccountId);
    }
    return existing;
  }
}
