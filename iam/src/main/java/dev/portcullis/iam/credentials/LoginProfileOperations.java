package dev.portcullis.iam.credentials;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.domain.LoginProfile;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.identities.Lookups;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.time.Instant;

/**
 * Create, get, update and delete login profiles (console passwords), and ChangePassword, by
 * which a user changes their own. No response ever carries a password or its hash. Deleting a
 * login profile, or an update that sets a new password, ends the user's console sessions.
 */
public final class LoginProfileOperations {
  private final IamContext ctx;

  public LoginProfileOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreateLoginProfile", this::create)
        .register("GetLoginProfile", this::get)
        .register("UpdateLoginProfile", this::update)
        .register("DeleteLoginProfile", this::delete)
        .register("ChangePassword", this::changePassword);
  }

  /** The user's login profile, or NoSuchEntity in IAM's words. */
  public static LoginProfile requireProfile(StoreTx tx, User user) {
    return tx.loginProfiles().find(user.accountId(), user.userId()).orElseThrow(() ->
        AwsException.of(ErrorCode.NO_SUCH_ENTITY, "Login Profile for User %s cannot be found.",
            user.name()));
  }

  private Struct create(Caller caller, Struct in) {
    String password = in.string("Password");
    if (password == null) {
      // Only an AssumeRoot session may omit it, and Portcullis has no such sessions.
      throw new AwsException(ErrorCode.VALIDATION_ERROR, "1 validation error detected: "
          + "Value null at 'password' failed to satisfy constraint: Member must not be null");
    }
    boolean resetRequired = in.bool("PasswordResetRequired", false);
    return Passwords.retryingStale(() -> {
      Passwords.Basis basis = Passwords.read(ctx, tx -> requireNoProfile(tx,
          targetUser(tx, caller, in)));
      String hash = Passwords.hash(ctx, basis, password);
      return ctx.store().write(tx -> {
        User user = requireNoProfile(tx, targetUser(tx, caller, in));
        Passwords.remember(ctx, tx, user, basis, hash);
        Instant now = ctx.clock().instant();
        LoginProfile profile = new LoginProfile(user.accountId(), user.userId(), hash, now,
            resetRequired, now);
        tx.loginProfiles().insert(profile);
        return Struct.of("LoginProfile", wire(user, profile));
      });
    });
  }

  private static User requireNoProfile(StoreTx tx, User user) {
    if (tx.loginProfiles().find(user.accountId(), user.userId()).isPresent()) {
      throw AwsException.of(ErrorCode.ENTITY_ALREADY_EXISTS,
          "Login Profile for user %s already exists.", user.name());
    }
    return user;
  }

  private Struct get(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      User user = targetUser(tx, caller, in);
      return Struct.of("LoginProfile", wire(user, requireProfile(tx, user)));
    });
  }

  private Struct update(Caller caller, Struct in) {
    String password = in.string("Password");
    Boolean resetRequired = in.bool("PasswordResetRequired");
    return Passwords.retryingStale(() -> {
      Passwords.Basis basis = password == null ? null : Passwords.read(ctx, tx -> {
        User user = targetUser(tx, caller, in);
        requireProfile(tx, user);
        return user;
      });
      String hash = password == null ? null : Passwords.hash(ctx, basis, password);
      return ctx.store().write(tx -> {
        User user = targetUser(tx, caller, in);
        requireProfile(tx, user);
        if (hash != null) {
          Passwords.remember(ctx, tx, user, basis, hash);
          tx.loginProfiles().setPassword(user.accountId(), user.userId(), hash,
              ctx.clock().instant());
          // An administrator's reset: whoever signed in with the old password is signed out.
          tx.consoleSessions().deleteFor(user.accountId(), user.userId());
        }
        if (resetRequired != null) {
          tx.loginProfiles().setPasswordResetRequired(user.accountId(), user.userId(),
              resetRequired);
        }
        return Struct.empty();
      });
    });
  }

  private Struct delete(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      User user = targetUser(tx, caller, in);
      requireProfile(tx, user);
      tx.loginProfiles().delete(user.accountId(), user.userId());
      // No console password, no console: the user's sessions end with it.
      tx.consoleSessions().deleteFor(user.accountId(), user.userId());
      return Struct.empty();
    });
  }

  /**
   * The caller changes their own password. Whether they may at all (the policy's
   * AllowUsersToChangePassword, or an iam:ChangePassword grant) is the authorizer's question.
   */
  private Struct changePassword(Caller caller, Struct in) {
    if (caller instanceof Caller.Root) {
      throw new AwsException(ErrorCode.INVALID_USER_TYPE,
          "ChangePassword changes an IAM user's password; the root user has none here.");
    }
    String oldPassword = in.string("OldPassword");
    String newPassword = in.string("NewPassword");
    return Passwords.retryingStale(() -> {
      Passwords.Basis basis = Passwords.read(ctx, tx -> {
        User user = Lookups.requireUser(tx, caller.accountId(), Lookups.callerUserName(caller));
        requireProfile(tx, user);
        return user;
      });
      if (!Passwords.matchesCurrent(ctx, basis, oldPassword)) {
        throw new AwsException(ErrorCode.INVALID_USER_TYPE, "The old password is incorrect.");
      }
      String hash = Passwords.hash(ctx, basis, newPassword);
      return ctx.store().write(tx -> {
        User user = Lookups.requireUser(tx, caller.accountId(), Lookups.callerUserName(caller));
        requireProfile(tx, user);
        // The old password was checked against the basis: still the current one, or run again.
        Passwords.remember(ctx, tx, user, basis, hash);
        tx.loginProfiles().setPassword(user.accountId(), user.userId(), hash,
            ctx.clock().instant());
        tx.loginProfiles().setPasswordResetRequired(user.accountId(), user.userId(), false);
        return Struct.empty();
      });
    });
  }

  /** The named user or, when no name is given, the calling user. */
  private static User targetUser(StoreTx tx, Caller caller, Struct in) {
    String name = in.string("UserName");
    if (name == null) {
      if (caller instanceof Caller.Root) {
        throw new AwsException(ErrorCode.INVALID_INPUT,
            "The root user has no login profile in Portcullis; name an IAM user.");
      }
      name = Lookups.callerUserName(caller);
    }
    return Lookups.requireUser(tx, caller.accountId(), name);
  }

  private static Struct wire(User user, LoginProfile p) {
    return Struct.of("UserName", user.name(), "CreateDate", p.createdAt(),
        "PasswordResetRequired", p.passwordResetRequired());
  }
}
