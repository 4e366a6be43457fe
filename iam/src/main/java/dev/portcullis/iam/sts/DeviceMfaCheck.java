package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.mfa.MfaCodeCheck;
import dev.portcullis.iam.mfa.MfaDevices;
import java.time.Duration;
import java.time.Instant;

/**
 * Proves MFA with the caller's own enabled MFA device: the IAM user (or root user) of long-term
 * keys or of GetSessionToken credentials, or a console sign-in. Role and federated sessions
 * have no devices of their own. A six-digit code could be guessed by brute force, so after
 * {@link #MAX_FAILURES} codes checked for one device within {@link #FAILURE_WINDOW} without a
 * right one, every code is refused until the window passes. The count lives on the device in the store, so nodes on one database (and
 * a restarted node) share it: kept in each node's memory, N nodes allowed N times the guesses.
 */
public final class DeviceMfaCheck implements MfaCodeCheck {
  static final int MAX_FAILURES = 5;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);
  private final IamContext ctx;

  public DeviceMfaCheck(IamContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Instant verify(Caller caller, String serialNumber, String tokenCode) {
    // The root user has devices too (owned by the account id, Caller.Root.userId()): AWS lets
    // root prove MFA at console sign-in and in GetSessionToken.
    if ((caller.iamUserName().isEmpty() && !(caller instanceof Caller.Root))
        || serialNumber == null) {
      return NO_DEVICES.verify(caller, serialNumber, tokenCode);
    }
    String accountId = caller.accountId();
    String userId = caller.userId();
    Instant now = ctx.clock().instant();
    // Counted only for the device's owner, so another user's guesses cannot lock it out.
    boolean reserved = ctx.store().writeUsage(tx -> tx.mfaDevices().reserveCodeCheck(accountId,
        serialNumber, userId, now, now.minus(FAILURE_WINDOW), MAX_FAILURES));
    if (!reserved) {
      return NO_DEVICES.verify(caller, serialNumber, tokenCode);
    }
    if (MfaDevices.verifyCode(ctx, accountId, userId, serialNumber, tokenCode)) {
      ctx.store().writeUsage(tx -> {
        tx.mfaDevices().clearCodeChecks(accountId, serialNumber);
        return null;
      });
      return now;
    }
    return NO_DEVICES.verify(caller, serialNumber, tokenCode);
  }
}
