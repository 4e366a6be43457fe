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
 * First start: creates the account, its root user ({@link RootBootstrap}: a password, no
 * access key) and a bootstrap administrator: the IAM user {@value #ADMIN_USER} in the group
 * {@value #ADMIN_GROUP}, which has AdministratorAccess attached, with an access key written to
 * the credentials file. Of several
 * nodes starting on one empty database only one bootstraps: its transaction claims the one row
 * of the {@code bootstrap} table, so another node's claim waits for it and then fails.
 */
final class Bootstrap {
  static final String ADMIN_USER = "admin";
  static final String ADMIN_GROUP = "Administrators";
  static final String ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
  static final String PROFILE = "portcullis";

  private Bootstrap() {}

  /**
   * The account served, whether this start created it, and the root user it created (null
   * when the account had one).
   */
  record Outcome(Account account, boolean created, RootBootstrap.Created root) {}

  /**
   * The account this server serves, creating it, its root user and its administrator on first
   * start. An account made before root users existed gets its root user now.
   */
  static Outcome ensure(IamContext ctx, DataDirectory dir, String requestedAccountId,
      RootConfig root) {
    Optional<Account> existing = ctx.store().read(tx -> tx.accounts().primary());
    if (existing.isPresent()) {
      Account account = checked(existing.get(), requestedAccountId);
      return new Outcome(account, false, ensureRoot(ctx, dir, account.accountId(), root));
    }
    String accountId = requestedAccountId != null ? requestedAccountId : ctx.ids().accountId();
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("an account id is 12 digits: " + accountId);
    }
    RootBootstrap rootUser = RootBootstrap.plan(ctx, dir, accountId, root);
    Instant now = ctx.clock().instant();
    AccessKeyOperations.Issued key;
    try {
      key = ctx.store().write(tx -> {
        if (tx.accounts().primary().isPresent()) {
          return null; // created since the read above
        }
        tx.installation().claimBootstrap(accountId, now);
        tx.accounts().create(new Account(accountId, now));
        rootUser.insert(tx, accountId, now);
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
      return new Outcome(checked(other, requestedAccountId), false, null);
    }
    dir.writeCredentials(PROFILE, key.key().accessKeyId(), key.secret());
    return new Outcome(new Account(accountId, now), true, rootUser.committed(dir));
  }

  /** Gives an account without a root user (made by an earlier version) its root user. */
  private static RootBootstrap.Created ensureRoot(IamContext ctx, DataDirectory dir,
      String accountId, RootConfig root) {
    if (ctx.store().read(tx -> tx.rootUser().find(accountId)).isPresent()) {
      return null;
    }
    RootBootstrap rootUser = RootBootstrap.plan(ctx, dir, accountId, root);
    try {
      boolean inserted = ctx.store().write(tx -> {
        if (tx.rootUser().find(accountId).isPresent()) {
          return false;
        }
        rootUser.insert(tx, accountId, ctx.clock().instant());
        return true;
      });
      return inserted ? rootUser.committed(dir) : null;
    } catch (AwsException e) {
      if (!e.code().equals(ErrorCode.CONCURRENT_MODIFICATION)
          && !e.code().equals(ErrorCode.ENTITY_ALREADY_EXISTS)) {
        throw e;
      }
      return null; // another node gave it its root user
    }
  }

  private static Account checked(Account existing, String requestedAccountId) {
    if (requestedAccountId != null && !requestedAccountId.equals(existing.accountId())) {
      throw new IllegalStateException("the database already serves account "
          + existing.accountId() + ", not " + requestedAccountId);
    }
    return existing;
  }
}
