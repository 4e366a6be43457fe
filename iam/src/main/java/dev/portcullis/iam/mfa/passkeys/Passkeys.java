package dev.portcullis.iam.mfa.passkeys;

import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.MfaDeviceCount;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused.Reason;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Registering a passkey as an MFA device and signing in with one, in a store transaction: the
 * ceremonies' checks ({@link PasskeyCeremonies}) plus the rules that need the store (a
 * credential registered once, anywhere; at most 8 MFA devices per identity; a signature count
 * recorded by compare-and-set).
 */
public final class Passkeys {
  /** AWS's console allows up to 128 of these characters in an MFA device name. */
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  private static final int SUFFIX_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passkeys() {}

  /**
   * Verifies a registration response and stores the passkey it makes for {@code owner}, named
   * {@code name}; returns it with its serial number.
   *
   * @throws PasskeyRefused when a check fails or the credential is already registered
   * @throws AwsException LimitExceeded when the owner has 8 MFA devices, NoSuchEntity when
   *     the user is gone
   */
  public static Passkey register(StoreTx tx, RelyingParty rp, String expectedOrigin,
      byte[] challenge, PasskeyOwner owner, String responseJson, String name, Instant now) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PasskeyRefused(Reason.INVALID_NAME);
    }
    lockOwner(tx, owner);
    MfaDeviceCount.requireRoomForOneMore(tx, owner.accountId(), owner.ownerId());
    Passkey passkey = PasskeyCeremonies.verifyRegistration(rp, expectedOrigin, challenge, owner,
        responseJson, name, serialNumber(owner, name), now);
    // Registered to anyone: one authenticator's credential belongs to one identity (WebAuthn
    // 7.1 step 26), and the primary key would refuse it anyway.
    if (tx.passkeys().findByCredentialId(passkey.credentialId()).isPresent()) {
      throw new PasskeyRefused(Reason.ALREADY_REGISTERED);
    }
    tx.passkeys().insert(passkey);
    return passkey;
  }

  /**
   * Verifies an assertion response from one of {@code owner}'s passkeys and records its new
   * signature count; returns the passkey as used (its serial number is the sign-in's MFA
   * identifier).
   *
   * @throws PasskeyRefused when the passkey is not the owner's, a check fails, the counter
   *     shows a possible clone, or a concurrent assertion recorded the same count first
   */
  public static Passkey authenticate(StoreTx tx, RelyingParty rp, String expectedOrigin,
      byte[] challenge, PasskeyOwner owner, String responseJson, Instant now) {
    String credentialId = PasskeyCeremonies.credentialIdOf(responseJson);
    Passkey passkey = tx.passkeys().findByCredentialId(credentialId)
        .filter(p -> p.accountId().equals(owner.accountId())
            && p.ownerId().equals(owner.ownerId()))
        .orElseThrow(() -> new PasskeyRefused(Reason.UNKNOWN_CREDENTIAL));
    long count = PasskeyCeremonies.verifyAssertion(rp, expectedOrigin, challenge, responseJson,
        passkey);
    if (!tx.passkeys().recordUse(credentialId, passkey.signCount(), count, now)) {
      throw new PasskeyRefused(Reason.CONCURRENT_USE);
    }
    return passkey.used(count, now);
  }

  /**
   * Locks the owner's row until the transaction ends (PostgreSQL; SQLite serializes writes),
   * as EnableMFADevice locks its user: concurrent registrations and enables then count the
   * devices one after another, so together they cannot pass the quota. A user deleted since
   * the console looked is NoSuchEntity.
   */
  private static void lockOwner(StoreTx tx, PasskeyOwner owner) {
    // Found in a write, the owner's row is locked (root's in root_users), so concurrent
    // registrations and enables count one after another.
    boolean exists = owner.isRoot() ? tx.rootUser().find(owner.accountId()).isPresent()
        : tx.users().findById(owner.accountId(), owner.ownerId()).isPresent();
    if (!exists) {
      throw AwsException.of(ErrorCode.NO_SUCH_ENTITY, "The user with name %s cannot be found.",
          owner.userName());
    }
  }

  /** A new serial number for a passkey of {@code owner}: AWS's u2f ARN with a random suffix. */
  static String serialNumber(PasskeyOwner owner, String name) {
    byte[] suffix = new byte[SUFFIX_BYTES];
    RANDOM.nextBytes(suffix);
    return owner.serialPrefix() + name + "-" + Base32.encode(suffix);
  }
}
