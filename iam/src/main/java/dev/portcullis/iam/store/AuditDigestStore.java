package dev.portcullis.iam.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The signed digests of the audit trail and the account's digest signing keys. A digest row is
 * unique by its number and its end time, so that the nodes of a cluster make exactly one digest
 * per period: the node whose insert lands first makes it, the others find it made.
 */
public interface AuditDigestStore {
  /**
   * A digest signing key of an account: the public key in the clear (DER, PKCS#1), the private
   * key (PKCS#8) sealed under the data key.
   */
  record SigningKey(String accountId, int keyNumber, String fingerprint, byte[] publicKey,
      String privateKeySealed, Instant validFrom) {}

  /**
   * One signed digest: {@code document} is the digest file's JSON exactly as signed, the other
   * fields repeat what the next digest needs.
   */
  record Digest(long number, String accountId, Instant startTime, Instant endTime,
      long firstSeq, long lastSeq, String lastEventHash, String objectName, String document,
      String signature) {}

  /** The account's newest signing key, if it has one. */
  Optional<SigningKey> currentKey(String accountId);

  /** Every signing key of the account, oldest first. */
  List<SigningKey> keys(String accountId);

  /** Stores {@code key} unless the account already has one of its number; true if stored. */
  boolean insertKey(SigningKey key);

  /** The newest digest, if any. */
  Optional<Digest> latest();

  /** Stores {@code digest} unless its number or end time is taken; true if stored. */
  boolean insert(Digest digest);

  /** Up to {@code limit} digests numbered above {@code afterNumber}, oldest first. */
  List<Digest> list(long afterNumber, int limit);
}
