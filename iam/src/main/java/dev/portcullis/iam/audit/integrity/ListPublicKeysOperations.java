package dev.portcullis.iam.audit.integrity;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.audit.lookup.CloudTrailErrors;
import dev.portcullis.iam.store.Store;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudTrail's ListPublicKeys: the public keys whose private keys signed the caller's account's
 * digests within [StartTime, EndTime], each bound defaulting to the time of the call (so without
 * either, the current key), as the API reference describes. Each key carries its DER PKCS#1
 * Value (base64 on the wire), its validity and its fingerprint (digestPublicKeyFingerprint).
 */
public final class ListPublicKeysOperations {
  private final Keys keys;

  /** Where the keys come from: the store's signing keys in production. */
  @FunctionalInterface
  public interface Keys {
    List<DigestPublicKey> between(String accountId, Instant start, Instant end);

    /** The account's signing keys kept in {@code store} ({@link AuditSigningKeys#publicKeys}). */
    static Keys of(Store store) {
      return (account, start, end) -> AuditSigningKeys.publicKeys(store, account, start, end);
    }
  }

  public ListPublicKeysOperations(Keys keys) {
    this.keys = keys;
  }

  public void registerInto(OperationRegistry r) {
    r.register("ListPublicKeys", this::listPublicKeys);
  }

  Struct listPublicKeys(Caller caller, Struct in) {
    Instant now = caller.request().time();
    Instant start = in.has("StartTime") ? (Instant) in.get("StartTime") : now;
    Instant end = in.has("EndTime") ? (Instant) in.get("EndTime") : now;
    if (start.isAfter(end)) {
      throw new AwsException(CloudTrailErrors.INVALID_TIME_RANGE,
          "Start time must be before or equal to end time.");
    }
    if (in.has("NextToken")) {
      // "Reserved for future use": this answer never has a next page, so no token given can
      // be one it issued.
      throw new AwsException(CloudTrailErrors.INVALID_TOKEN, "Reserved for future use.");
    }
    List<Struct> out = new ArrayList<>();
    for (DigestPublicKey k : keys.between(caller.accountId(), start, end)) {
      // CloudTrail gives every key an end (its keys rotate); the current key is known valid at
      // least through the end of the range asked, which is what a verifier needs to know.
      Instant validityEnd = k.validityEnd() != null ? k.validityEnd() : end;
      out.add(Struct.of("Value", k.value(), "ValidityStartTime", k.validityStart(),
          "ValidityEndTime", validityEnd, "Fingerprint", k.fingerprint()));
    }
    return Struct.of("PublicKeyList", out);
  }
}
