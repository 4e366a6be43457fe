package dev.portcullis.iam.root;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.credentials.MfaDeviceOperations;
import dev.portcullis.iam.credentials.PasswordRules;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.protocol.Struct;
import java.time.Instant;

/**
 * {@code portcullis root reset}: the host's equivalent of AWS's root password recovery by
 * e-mail, for whoever controls the data directory or the database. Sets a new password (reset
 * required when generated), ends root's console sessions, optionally removes root's MFA
 * devices, and appends the trail's
 * event in the same transaction, as CloudTrail records the recovery: eventSource
 * signin.amazonaws.com, eventType AwsConsoleSignIn, eventName PasswordRecoveryCompleted (the
 * completion of the PasswordRecoveryRequested flow), userIdentity of type Root.
 */
public final class RootRecovery {
  static final String EVENT_SOURCE = "signin.amazonaws.com";
  static final String EVENT_NAME = "PasswordRecoveryCompleted";
  static final String EVENT_TYPE = "AwsConsoleSignIn";
  private final IamContext ctx;
  private final AuditTrail trail;

  public RootRecovery(IamContext ctx, AuditTrail trail) {
    this.ctx = ctx;
    this.trail = trail;
  }

  /**
   * What a reset did.
   *
   * @param generatedPassword the new password when none was given (to write to a 0600 file
   *     once), else null
   */
  public record Outcome(String email, String generatedPassword, int mfaDevicesRemoved) {
    /** Never prints the password. */
    @Override
    public String toString() {
      return "Outcome[" + email + ", generated=" + (generatedPassword != null)
          + ", mfaDevicesRemoved=" + mfaDevicesRemoved + "]";
    }
  }

  /**
   * Resets the root password of {@code accountId} to {@code password} (null: a generated one,
   * which must be changed at the next sign-in). Throws PasswordPolicyViolation, listing every
   * reason, for a password the rules refuse, and IllegalStateException for an account without
   * a root user.
   */
  public Outcome reset(String accountId, String password, boolean removeMfa, String userAgent) {
    RootUser root = ctx.store().read(tx -> tx.rootUser().find(accountId)).orElseThrow(() ->
        new IllegalStateException("account " + accountId + " has no root user"));
    PasswordRules.Requirements rules = ctx.store().read(tx ->
        RootPasswords.requirements(tx, accountId, root.email()));
    String chosen = password != null ? password : RootPasswords.generate(rules);
    PasswordRules.check(rules, chosen);
    // Argon2id outside the transaction: it holds no connection while it runs.
    String hash = ctx.passwords().hash(chosen);
    boolean generated = password == null;
    Instant now = ctx.clock().instant();
    int removed = ctx.store().write(tx -> {
      tx.rootUser().find(accountId).orElseThrow(); // locks root's row
      tx.rootUser().setPassword(accountId, hash, generated, now);
      // A recovery is for a password someone else may know: whoever signed in with it (a
      // console session of root, principal id the account id) is signed out now.
      tx.consoleSessions().deleteFor(accountId, accountId);
      int n = removeMfa ? MfaDeviceOperations.removeRootDevices(tx, accountId) : 0;
      Struct.Builder response = Struct.builder().put(EVENT_NAME, "Success");
      if (removeMfa) {
        response.put("MFADevicesRemoved", n);
      }
      trail.appendInTransaction(tx, new CallRecord(new RequestFacts(ctx.ids().requestId(), now,
          "127.0.0.1", userAgent, null), EVENT_SOURCE, EVENT_NAME, null, "us-east-1",
          rootIdentity(accountId), accountId, null, response.build(), null, EVENT_TYPE));
      return n;
    });
    return new Outcome(root.email(), generated ? chosen : null, removed);
  }

  /** The root user as CloudTrail's userIdentity names it. */
  static UserIdentity rootIdentity(String accountId) {
    return new UserIdentity("Root", accountId, Arn.root(accountId), accountId, null, null, null,
        null, null);
  }
}
