package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.RootAccessKeys;
import dev.portcullis.protocol.Struct;
import dev.portcullis.server.http.RawRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's security status, each check from IAM operations called as the signed-in
 * person (so a check the person may not run says so instead of showing data): root MFA, root
 * access keys, the password policy, console users without MFA, old or unused access keys,
 * policies attached to users directly, users with two active keys.
 */
final class SecurityChecks {
  /** AWS's and CIS's rotation advice: keys older than 90 days, or unused for 90 days. */
  static final Duration KEY_AGE = Duration.ofDays(90);
  /** Users examined one by one; a larger account is summarised for its first ones. */
  static final int USERS_EXAMINED = 100;
  private final ConsoleCalls calls;
  private final RootAccessKeys rootAccessKeys;

  SecurityChecks(ConsoleCalls calls, RootAccessKeys rootAccessKeys) {
    this.calls = calls;
    this.rootAccessKeys = rootAccessKeys;
  }

  /** One line of the status: its state, what was found, what to do and where. */
  record Check(String title, State state, String finding, String todo, String link) {
    Check(String title, boolean ok, String finding, String todo, String link) {
      this(title, ok ? State.OK : State.ACTION, finding, todo, link);
    }
  }

  /** Good, to be acted on, or unknown because the signed-in person may not look. */
  enum State { OK, ACTION, UNKNOWN }

  /**
   * Root access keys are a risk only where the server lets them sign requests (serve
   * --allow-root-access-keys); elsewhere any that exist are refused at authentication.
   */
  private Check rootKeys(boolean present) {
    if (!rootAccessKeys.allowed()) {
      return new Check("Root access keys", true, "This server refuses root access keys"
          + (present ? " (the root user has some, and they cannot sign requests)." : "."),
          null, null);
    }
    return new Check("Root access keys", !present, present
        ? "Root access keys are allowed on this server and the root user has some."
        : "Root access keys are allowed on this server; the root user has none.", present
        ? "Delete the root user's access keys; give people and programs IAM users or roles."
        : null, null);
  }

  List<Check> run(RawRequest request, Caller caller, Map<String, Integer> summary,
      Instant now) {
    List<Check> out = new ArrayList<>();
    if (summary != null) {
      // AccountMFAEnabled counts root's virtual devices and passkeys alike.
      boolean rootMfa = summary.getOrDefault("AccountMFAEnabled", 0) > 0;
      out.add(new Check("Root user MFA", rootMfa, rootMfa ? "The root user has MFA."
          : "The root user has no MFA device.", rootMfa ? null
          : "Sign in as the root user and enroll an MFA device or a passkey on My security "
          + "credentials.", rootMfa ? null : SecurityCredentialsPage.PATH));
      out.add(rootKeys(summary.getOrDefault("AccountAccessKeysPresent", 0) > 0));
    }
    out.add(passwordPolicy(request, caller));
    ConsoleCalls.Result users = calls.call(request, caller, "ListUsers",
        Map.of("MaxItems", Integer.toString(USERS_EXAMINED)));
    if (users instanceof ConsoleCalls.Failed f) {
      out.add(new Check("Users", State.UNKNOWN, "You may not list users: " + f.message(), null,
          null));
      return out;
    }
    UserFindings found = new UserFindings();
    for (Struct user : ConsoleCalls.list(users.output(), "Users")) {
      examine(request, caller, user.string("UserName"), now, found);
    }
    out.add(names("Console users without MFA", found.withoutMfa, "have a console password and "
        + "no MFA device", "Ask them to enroll an MFA device (or require it by policy)."));
    out.add(names("Access keys to rotate", found.oldKeys, "have an access key older than 90 "
        + "days or unused for 90 days", "Create a new key, move programs to it, deactivate and "
        + "then delete the old one."));
    out.add(names("Policies attached to users", found.directPolicies, "have policies attached "
        + "directly", "Put the users in groups and attach the policies to the groups."));
    out.add(names("Users with two active keys", found.twoKeys, "have more than one active "
        + "access key", "Keep one active key per user except while rotating."));
    return out;
  }

  private Check passwordPolicy(RawRequest request, Caller caller) {
    ConsoleCalls.Result r = calls.call(request, caller, "GetAccountPasswordPolicy", Map.of());
    if (r instanceof ConsoleCalls.Failed f) {
      boolean none = f.error().code().code().equals("NoSuchEntity");
      return new Check("Password policy", none ? State.ACTION : State.UNKNOWN, none
          ? "The account has no password policy: AWS's default (8 characters, 3 kinds) "
          + "applies." : "You may not read the password policy: " + f.message(),
          none ? "Set a password policy of at least 14 characters that prevents reuse." : null,
          null);
    }
    Struct p = r.output().struct("PasswordPolicy");
    int length = p.integer("MinimumPasswordLength", 0);
    int reuse = p.integer("PasswordReusePrevention", 0);
    boolean strong = length >= 14 && reuse >= 5;
    return new Check("Password policy", strong, "Minimum length " + length
        + ", reuse prevention " + reuse + ".", strong ? null : "Require at least 14 characters "
        + "and prevent the reuse of the last 5 passwords or more.", null);
  }

  private void examine(RawRequest request, Caller caller, String userName, Instant now,
      UserFindings found) {
    Map<String, String> user = Map.of("UserName", userName);
    boolean console = calls.call(request, caller, "GetLoginProfile", user)
        instanceof ConsoleCalls.Ok;
    ConsoleCalls.Result mfa = calls.call(request, caller, "ListMFADevices", user);
    if (console && mfa instanceof ConsoleCalls.Ok ok
        && ConsoleCalls.list(ok.value(), "MFADevices").isEmpty()) {
      found.withoutMfa.add(userName);
    }
    ConsoleCalls.Result keys = calls.call(request, caller, "ListAccessKeys", user);
    if (keys instanceof ConsoleCalls.Ok ok) {
      int active = 0;
      for (Struct key : ConsoleCalls.list(ok.value(), "AccessKeyMetadata")) {
        if (!"Active".equals(key.string("Status"))) {
          continue;
        }
        active++;
        if (stale(request, caller, key, now) && !found.oldKeys.contains(userName)) {
          found.oldKeys.add(userName);
        }
      }
      if (active > 1) {
        found.twoKeys.add(userName);
      }
    }
    ConsoleCalls.Result attached = calls.call(request, caller, "ListAttachedUserPolicies", user);
    ConsoleCalls.Result inline = calls.call(request, caller, "ListUserPolicies", user);
    if ((attached instanceof ConsoleCalls.Ok a
        && !ConsoleCalls.list(a.value(), "AttachedPolicies").isEmpty())
        || (inline instanceof ConsoleCalls.Ok i
        && !ConsoleCalls.list(i.value(), "PolicyNames").isEmpty())) {
      found.directPolicies.add(userName);
    }
  }

  private boolean stale(RawRequest request, Caller caller, Struct key, Instant now) {
    Instant created = (Instant) key.get("CreateDate");
    if (created != null && created.isBefore(now.minus(KEY_AGE))) {
      return true;
    }
    ConsoleCalls.Result used = calls.call(request, caller, "GetAccessKeyLastUsed",
        Map.of("AccessKeyId", key.string("AccessKeyId")));
    if (used instanceof ConsoleCalls.Ok ok && ok.value().has("AccessKeyLastUsed")) {
      Object last = ok.value().struct("AccessKeyLastUsed").get("LastUsedDate");
      Instant since = last instanceof Instant t ? t : created;
      return since != null && since.isBefore(now.minus(KEY_AGE));
    }
    return false;
  }

  private static Check names(String title, List<String> users, String what, String todo) {
    boolean ok = users.isEmpty();
    return new Check(title, ok, ok ? "No user found." : users.size() + " user"
        + (users.size() == 1 ? " " : "s ") + what + ": " + String.join(", ", users) + ".",
        ok ? null : todo, ok ? null : "/console/users");
  }

  /** What the examination of the users found, by user name. */
  private static final class UserFindings {
    final List<String> withoutMfa = new ArrayList<>();
    final List<String> oldKeys = new ArrayList<>();
    final List<String> directPolicies = new ArrayList<>();
    final List<String> twoKeys = new ArrayList<>();
  }
}
