package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.Passkey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Passkeys (WebAuthn credentials) registered as MFA devices of users and root users. */
public interface PasskeyStore {
  /** Adds a passkey; a credential id already stored, in any account, is refused by the database. */
  void insert(Passkey passkey);

  /** The passkey of a credential id, whoever owns it. */
  Optional<Passkey> findByCredentialId(String credentialId);

  /** The passkey of an MFA serial number in the account (serial numbers match ignoring case). */
  Optional<Passkey> findBySerial(String accountId, String serialNumber);

  /** The passkeys of one owner (user id, or the account id for root), oldest first. */
  List<Passkey> listForOwner(String accountId, String ownerId);

  int countForOwner(String accountId, String ownerId);

  /** The passkeys of every identity of the account. */
  int countForAccount(String accountId);

  /**
   * Records a verified assertion: sets the sign count to {@code newCount} only if it is still
   * {@code expectedCount}. The check and the write are one statement, so of two concurrent
   * assertions that both saw {@code expectedCount} only one is recorded.
   *
   * @return whether the use was recorded (false: another assertion got there first, or the
   *     passkey was removed)
   */
  boolean recordUse(String credentialId, long expectedCount, long newCount, Instant usedAt);

  void delete(String accountId, String serialNumber);
}
