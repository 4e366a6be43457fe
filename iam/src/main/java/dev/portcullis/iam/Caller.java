package dev.portcullis.iam;

import dev.portcullis.iam.domain.StsSession;
import java.time.Instant;

/**
 * The authenticated principal of a request and the request facts that policies may test.
 *
 * @param principalArn the user ARN (or the account root ARN for root)
 * @param userId the unique id of the principal (AIDA... for users, the account id for root)
 * @param userName the friendly name of the user, or null for root
 * @param accessKeyId the access key that signed the request
 * @param session the temporary credentials that signed the request; null for long-term keys
 */
public record Caller(String accountId, String principalArn, String userId, String userName,
    String accessKeyId, boolean root, String sourceIp, boolean secureTransport,
    Instant requestTime, String region, StsSession session) {

  /**
   * Whether the caller acts as an IAM user of its own: with the user's long-term keys or its
   * GetSessionToken credentials (not a role or federated session, not the root).
   */
  public boolean actsAsIamUser() {
    return userName != null
        && (session == null || session.type() == StsSession.Type.SESSION_TOKEN);
  }

  /** Whether the request was signed with temporary credentials from STS. */
  public boolean temporary() {
    return session != null;
  }
}
