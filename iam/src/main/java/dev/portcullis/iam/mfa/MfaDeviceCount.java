package dev.portcullis.iam.mfa;

import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;

/**
 * The MFA devices of one user or root user, TOTP devices and passkeys together: AWS allows up
 * to 8 of any mix per identity ("You can register up to eight MFA devices of any combination",
 * IAM User Guide, "Using multi-factor authentication (MFA) in AWS").
 */
public final class MfaDeviceCount {
  private MfaDeviceCount() {}

  /**
   * The devices of {@code ownerId} (a user id, or the account id for root): virtual devices
   * enabled for it plus its passkeys.
   */
  public static int of(StoreTx tx, String accountId, String ownerId) {
    return tx.mfaDevices().listForUser(accountId, ownerId).size()
        + tx.passkeys().countForOwner(accountId, ownerId);
  }

  /** Throws AWS's LimitExceeded when {@code ownerId} already has the most devices allowed. */
  public static void requireRoomForOneMore(StoreTx tx, String accountId, String ownerId) {
    if (of(tx, accountId, ownerId) >= MfaDevices.MAX_DEVICES_PER_USER) {
      throw AwsException.of(ErrorCode.LIMIT_EXCEEDED,
          "Cannot exceed quota for MFADevicesPerUser: %d", MfaDevices.MAX_DEVICES_PER_USER);
    }
  }
}
