package dev.portcullis.iam.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;

/**
 * Checks digests one after the other, oldest first: each one's signature (SHA256withRSA over
 * CloudTrail's signing string, with the public key its fingerprint names, or the pinned key),
 * that it is stored where it says it is, and that it names its predecessor by object, hash and
 * signature and continues the chain positions where the predecessor stopped.
 */
public final class DigestChainCheck {
  private final Map<String, PublicKey> keys;
  private final VerificationReport report;
  private DigestDocument previous;
  private String previousJson;
  private String previousSignature;

  /** {@code keys} by fingerprint: the store's or export's keys, or only the pinned one. */
  public DigestChainCheck(Map<String, PublicKey> keys, VerificationReport report) {
    this.keys = Map.copyOf(keys);
    this.report = report;
  }

  /** The outcome of one digest: its content when readable, and whether it verified. */
  public record Checked(DigestDocument document, boolean valid) {}

  /**
   * Checks the digest found at {@code location} ({@code json} as stored, {@code signature} in
   * hex); {@code label} names it in the report.
   */
  public Checked check(String location, String json, String signature) {
    DigestDocument doc;
    try {
      doc = DigestDocument.parse(json);
    } catch (IllegalArgumentException e) {
      invalid(location, "unreadable: not a digest");
      report.digest(false, null, null);
      previous = null;
      return new Checked(null, false);
    }
    boolean valid = true;
    PublicKey key = keys.get(doc.fingerprint());
    String hash = DigestKeys.sha256(json.getBytes(StandardCharsets.UTF_8));
    if (key == null) {
      valid = invalid(location, "signed with key " + doc.fingerprint()
          + ", which is not a trusted public key");
    } else if (signature == null || !DigestKeys.verify(key, TrailLayout.stringToSign(
        doc.endTime(), doc.objectName(), hash, doc.previousSignature()), signature)) {
      valid = invalid(location, "signature verification failed");
    }
    if (!doc.objectName().equals(location)) {
      valid = invalid(location, "it says it is " + doc.objectName());
    }
    if (previous != null) {
      if (!Objects.equals(doc.previousObjectName(), previous.objectName())
          || doc.number() != previous.number() + 1) {
        report.add(new Finding(Finding.Kind.DIGEST_MISSING, String.valueOf(
            doc.previousObjectName()), "the digest before " + location + " is not present"));
        valid = false;
      } else if (!Objects.equals(doc.previousHashValue(), DigestKeys.sha256(
          previousJson.getBytes(StandardCharsets.UTF_8)))
          || !Objects.equals(doc.previousSignature(), previousSignature)) {
        report.add(new Finding(Finding.Kind.DIGEST_INVALID, previous.objectName(),
            "differs from the digest that " + location + " signed as its predecessor"));
        valid = false;
      } else if (doc.firstSeq() != previous.lastSeq() + 1) {
        valid = invalid(location, "starts at seq " + doc.firstSeq() + ", its predecessor "
            + "ended at seq " + previous.lastSeq());
      }
    }
    report.digest(valid, doc.startTime(), doc.endTime());
    previous = doc;
    previousJson = json;
    previousSignature = signature;
    return new Checked(doc, valid);
  }

  private boolean invalid(String location, String why) {
    report.add(new Finding(Finding.Kind.DIGEST_INVALID, location, why));
    return false;
  }
}
