package dev.portcullis.iam.audit.integrity;

import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.store.AuditDigestStore.SigningKey;
import dev.portcullis.iam.store.Store;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Each account's digest signing key: an RSA 2048 key pair made on first need, its private key
 * sealed under the data key like every other secret (so only a node given the master key can
 * sign), its public key kept in the clear and published (ListPublicKeys, {@code audit
 * public-key}, every export).
 */
public final class AuditSigningKeys {
  private AuditSigningKeys() {}

  /** A signing key opened for use. */
  public record Opened(PrivateKey privateKey, String fingerprint) {}

  /** The account's signing key, made and stored first if it has none (one wins a race). */
  public static Opened ensure(Store store, SecretCipher cipher, String accountId, Instant now) {
    SigningKey key = store.read(tx -> tx.auditDigests().currentKey(accountId)).orElseGet(() -> {
      KeyPair pair = DigestKeys.generate();
      byte[] pkcs1 = DigestKeys.pkcs1(pair.getPublic());
      SigningKey made = new SigningKey(accountId, 1, DigestKeys.fingerprint(pkcs1), pkcs1,
          cipher.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
              purpose(accountId, 1)), now);
      return store.write(tx -> {
        tx.auditDigests().insertKey(made);
        return tx.auditDigests().currentKey(accountId).orElseThrow();
      });
    });
    byte[] pkcs8 = Base64.getDecoder().decode(cipher.decrypt(key.privateKeySealed(),
        purpose(accountId, key.keyNumber())));
    return new Opened(DigestKeys.privateKey(pkcs8), key.fingerprint());
  }

  /**
   * The public keys whose private keys signed the account's digests within [start, end], as
   * CloudTrail's ListPublicKeys returns them (a key is valid from its creation until the next
   * key's); null bounds mean "now". For the cloudtrail service's ListPublicKeys handler.
   */
  public static List<DigestPublicKey> publicKeys(Store store, String accountId, Instant start,
      Instant end) {
    List<SigningKey> keys = store.read(tx -> tx.auditDigests().keys(accountId));
    List<DigestPublicKey> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      SigningKey k = keys.get(i);
      Instant until = i + 1 < keys.size() ? keys.get(i + 1).validFrom() : null;
      boolean startsBeforeEnd = end == null || !k.validFrom().isAfter(end);
      boolean endsAfterStart = until == null || start != null && until.isAfter(start);
      if (startsBeforeEnd && endsAfterStart) {
        out.add(new DigestPublicKey(k.publicKey().clone(), k.validFrom(), until,
            k.fingerprint()));
      }
    }
    return out;
  }

  /** The associated data of a sealed private key: what it is, whose, and which. */
  private static String purpose(String accountId, int keyNumber) {
    return "portcullis:audit-signing-key:" + accountId + ":" + keyNumber;
  }
}
