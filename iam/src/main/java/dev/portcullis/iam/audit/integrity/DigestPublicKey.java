package dev.portcullis.iam.audit.integrity;

import java.time.Instant;

/**
 * A public key that signs (or signed) an account's audit digests, as CloudTrail's
 * ListPublicKeys returns it.
 *
 * @param value DER PKCS#1 bytes (ListPublicKeys' Value, base64 on the wire)
 * @param validityEnd null while the key is the account's current one
 * @param fingerprint hex MD5 of {@code value} (digestPublicKeyFingerprint)
 */
public record DigestPublicKey(byte[] value, Instant validityStart, Instant validityEnd,
    String fingerprint) {}
