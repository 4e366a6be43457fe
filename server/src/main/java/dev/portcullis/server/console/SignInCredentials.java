package dev.portcullis.server.console;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.iam.domain.LoginProfile;
import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.iam.domain.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the password of a console sign-in: an IAM user's login profile, or the root user's
 * password. A wrong user name, a wrong password and a user without a password fail alike, in
 * the same time: when there is no hash to check, a dummy one is checked instead, so the time
 * of an answer does not tell whether the user exists.
 */
final class SignInCredentials {
  /** The event's userName of a failed sign-in as a user that does not exist (as CloudTrail). */
  static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
  private final IamContext ctx;
  private final String dummyHash;

  SignInCredentials(IamContext ctx) {
    this.ctx = ctx;
    // Same parameters as every stored hash, so checking it costs what checking a real one does.
    this.dummyHash = ctx.passwords().hash(SessionTokens.newToken());
  }

  /**
   * Who proved their password, and what their sign-in still needs.
   *
   * @param mfaSerials the serial numbers of the enabled virtual MFA devices
   * @param passkeys how many passkeys are registered (each is an MFA device too)
   */
  record Principal(ConsoleSessionRecord.Principal type, String accountId, String principalId,
      String name, String arn, List<String> mfaSerials, int passkeys,
      boolean mustChangePassword) {
    /** Whether the sign-in needs a second factor: any MFA device of either kind. */
    boolean needsMfa() {
      return !mfaSerials.isEmpty() || passkeys > 0;
    }

    UserIdentity identity() {
      return type == ConsoleSessionRecord.Principal.ROOT
          ? new UserIdentity("Root", accountId, arn, accountId, null, null, null, null, null)
          : new UserIdentity("IAMUser", principalId, arn, accountId, null, name, null, null,
              null);
    }
  }

  /** The outcome of a password check. */
  sealed interface Outcome {}

  record Verified(Principal principal) implements Outcome {}

  /**
   * @param reason why, for the trail only (the page says the same for every failure)
   * @param identity who the trail names (a user that does not exist is hidden)
   */
  record Rejected(String reason, UserIdentity identity) implements Outcome {}

  /** The password was right but expired under a policy with HardExpiry. */
  record HardExpired(Principal principal) implements Outcome {}

  /** Checks an IAM user's password. */
  Outcome iamUser(String accountId, String userName, String password) {
    record Found(User user, LoginProfile profile, PasswordPolicy policy,
        List<MfaDevice> devices, int passkeys) {}
    Optional<Found> found = ctx.store().read(tx -> tx.users().findByName(accountId, userName)
        .map(u -> new Found(u, tx.loginProfiles().find(accountId, u.userId()).orElse(null),
            tx.passwordPolicies().find(accountId).orElse(null),
            tx.mfaDevices().listForUser(accountId, u.userId()),
            tx.passkeys().countForOwner(accountId, u.userId()))));
    if (found.isEmpty() || found.get().profile() == null) {
      ctx.passwords().matches(password, dummyHash);
      UserIdentity who = found.isEmpty()
          ? new UserIdentity("IAMUser", null, null, accountId, null, HIDDEN, null, null, null)
          : new UserIdentity("IAMUser", found.get().user().userId(), found.get().user().arn(),
              accountId, null, found.get().user().name(), null, null, null);
      return new Rejected(found.isEmpty() ? "No such user" : "The user has no console password",
          who);
    }
    Found f = found.get();
    Principal principal = new Principal(ConsoleSessionRecord.Principal.IAM_USER, accountId,
        f.user().userId(), f.user().name(), f.user().arn(),
        enabled(f.devices()), f.passkeys(), f.profile().passwordResetRequired()
            || expired(f.policy(), f.profile().passwordChangedAt()));
    if (!ctx.passwords().matches(password, f.profile().passwordHash())) {
      return new Rejected("Wrong password", principal.identity());
    }
    if (f.policy() != null && f.policy().hardExpiry()
        && expired(f.policy(), f.profile().passwordChangedAt())) {
      return new HardExpired(principal);
    }
    return new Verified(principal);
  }

  /**
   * Checks the root user's e-mail address and password. Root's MFA devices, virtual ones and
   * passkeys, are owned by the account id.
   */
  Outcome root(String accountId, String email, String password) {
    Optional<RootUser> root = ctx.store().read(tx -> tx.rootUser().find(accountId));
    UserIdentity who = new UserIdentity("Root", accountId, Arn.root(accountId), accountId, null,
        null, null, null, null);
    if (root.isEmpty() || !root.get().email().toLowerCase(Locale.ROOT).equals(
        email.toLowerCase(Locale.ROOT))) {
      ctx.passwords().matches(password, dummyHash);
      return new Rejected("Wrong e-mail address or no root user", who);
    }
    RootUser r = root.get();
    if (!ctx.passwords().matches(password, r.passwordHash())) {
      return new Rejected("Wrong password", who);
    }
    return new Verified(rootPrincipal(accountId, r));
  }

  private Principal rootPrincipal(String accountId, RootUser r) {
    record Devices(List<MfaDevice> virtual, int passkeys) {}
    Devices d = ctx.store().read(tx -> new Devices(tx.mfaDevices().listForUser(accountId,
        accountId), tx.passkeys().countForOwner(accountId, accountId)));
    return new Principal(ConsoleSessionRecord.Principal.ROOT, accountId, accountId, "root",
        Arn.root(accountId), enabled(d.virtual()), d.passkeys(), r.passwordResetRequired());
  }

  private static List<String> enabled(List<MfaDevice> devices) {
    return devices.stream().filter(d -> d.enabledAt() != null).map(MfaDevice::serialNumber)
        .toList();
  }

  /**
   * The principal of a sign-in under way (after its password), read anew: what it still needs
   * may have changed meanwhile. Empty if the user or its password is gone.
   */
  Optional<Principal> reload(ConsoleSessionRecord session) {
    String accountId = session.accountId();
    if (session.principalType() == ConsoleSessionRecord.Principal.ROOT) {
      return ctx.store().read(tx -> tx.rootUser().find(accountId))
          .map(r -> rootPrincipal(accountId, r));
    }
    return ctx.store().read(tx -> tx.users().findById(accountId, session.principalId())
        .flatMap(u -> tx.loginProfiles().find(accountId, u.userId()).map(profile ->
            new Principal(ConsoleSessionRecord.Principal.IAM_USER, accountId, u.userId(),
                u.name(), u.arn(), enabled(tx.mfaDevices().listForUser(accountId, u.userId())),
                tx.passkeys().countForOwner(accountId, u.userId()), profile.passwordResetRequired() || expired(tx.passwordPolicies()
                    .find(accountId).orElse(null), profile.passwordChangedAt())))));
  }

  /** Whether a password set at {@code changedAt} is older than the policy's MaxPasswordAge. */
  private boolean expired(PasswordPolicy policy, Instant changedAt) {
    return policy != null && policy.maxPasswordAge() > 0 && changedAt != null
        && ctx.clock().instant().isAfter(changedAt.plus(Duration.ofDays(
            policy.maxPasswordAge())));
  }
}
