package dev.portcullis.iam.mfa.passkeys;

import dev.portcullis.iam.domain.Arn;

/**
 * Whose passkey: an IAM user, or the account's root user (whose owner id is the account id, as
 * {@code Caller.Root.userId()}).
 *
 * @param userName the sign-in name authenticators show: the IAM user's name, or root's e-mail
 * @param displayName the friendlier name shown beside it
 */
public record PasskeyOwner(String accountId, String ownerId, String userName,
    String displayName) {

  /** An IAM user. */
  public static PasskeyOwner user(String accountId, String userId, String userName) {
    return new PasskeyOwner(accountId, userId, userName, userName);
  }

  /** The root user of {@code accountId}, signing in with {@code email}. */
  public static PasskeyOwner root(String accountId, String email) {
    return new PasskeyOwner(accountId, accountId, email, "Root user of " + accountId);
  }

  public boolean isRoot() {
    return ownerId.equals(accountId);
  }

  /**
   * The serial number prefix of this owner's passkeys, as AWS shows FIDO security keys and
   * passkeys: {@code arn:aws:iam::ACCOUNT:u2f/user/USERNAME/} for a user and {@code
   * arn:aws:iam::ACCOUNT:u2f/root/} for root (the AWS CLI's list-mfa-devices and
   * get-mfa-device examples, {@code ...:u2f/user/alice/fidokeyname-EXAMPLEBN5FHTECLFG7EXAMPLE};
   * the IAM API reference's GetMFADevice example, {@code ...:u2f/root/testFidoKey-R1234}).
   */
  String serialPrefix() {
    return isRoot() ? Arn.of(accountId, "u2f", "/", "root/")
        : Arn.of(accountId, "u2f", "/user/", userName + "/");
  }
}
