package dev.portcullis.iam.audit;

import java.time.Instant;

/**
 * Who made a call, as a CloudTrail record's {@code userIdentity} element says it (see the
 * CloudTrail User Guide, "CloudTrail userIdentity element"). Absent fields are null.
 *
 * @param type Root, IAMUser, AssumedRole, FederatedUser, WebIdentityUser, SAMLUser, AWSService
 *     or Unknown (a caller that failed authentication)
 * @param invokedBy the service principal that made the call (AWSService), else null
 * @param identityProvider the provider of a web-identity or SAML session, else null
 */
public record UserIdentity(String type, String principalId, String arn, String accountId,
    String accessKeyId, String userName, String invokedBy, String identityProvider,
    SessionContext sessionContext) {

  /** A caller whose credentials did not authenticate: only the key id it presented. */
  public static UserIdentity unknown(String accessKeyId) {
    return new UserIdentity("Unknown", null, null, null, accessKeyId, null, null, null, null);
  }

  /**
   * The session of temporary credentials.
   *
   * @param sessionIssuer the role (AssumedRole) or user (FederatedUser) behind it, else null
   */
  public record SessionContext(SessionIssuer sessionIssuer, Instant creationDate,
      boolean mfaAuthenticated, String sourceIdentity) {}

  /** The entity that issued a session. */
  public record SessionIssuer(String type, String principalId, String arn, String accountId,
      String userName) {}
}
