package dev.portcullis.iam.domain;

import java.time.Instant;
import java.util.List;

/**
 * A passkey (a WebAuthn credential) registered as an MFA device of an IAM user or of the root
 * user. Only public material is kept: the authenticator holds the private key.
 *
 * @param ownerId the IAM user's id, or the account id for the root user
 * @param credentialId the credential id the authenticator chose, base64url without padding;
 *     unique across every account
 * @param publicKeyCose the credential's public key as a COSE_Key (CBOR), base64url
 * @param signCount the authenticator's signature counter last seen (0: it keeps none)
 * @param aaguid the authenticator model's AAGUID (all zeros when attestation is "none")
 * @param transports the transports the browser reported ("usb", "internal", "hybrid", ...)
 * @param backupEligible whether the credential may be synced (the BE flag at registration)
 * @param serialNumber the MFA serial as AWS shows a FIDO key:
 *     {@code arn:aws:iam::ACCOUNT:u2f/user/NAME/LABEL-ID} or {@code ...:u2f/root/LABEL-ID}
 * @param lastUsedAt the last verified assertion, or null
 */
public record Passkey(String accountId, String ownerId, String credentialId,
    String publicKeyCose, long signCount, String aaguid, List<String> transports,
    boolean backupEligible, String name, String serialNumber, Instant createdAt,
    Instant lastUsedAt) {

  public Passkey {
    transports = List.copyOf(transports);
  }

  /** The same passkey after an assertion that reported {@code count}, at {@code at}. */
  public Passkey used(long count, Instant at) {
    return new Passkey(accountId, ownerId, credentialId, publicKeyCose, count, aaguid,
        transports, backupEligible, name, serialNumber, createdAt, at);
  }
}
