package dev.portcullis.iam.domain;

import java.time.Instant;
import java.util.List;

/**
 * Temporary security credentials issued by STS. The secret is kept only encrypted
 * ({@code secretSealed}) and the session token only as its SHA-256 hash: both are shown once, in
 * the response that issued them.
 *
 * @param type which STS operation issued the credentials
 * @param entityId the id of the IAM entity behind the session: the role's (AROA...) for an
 *     assumed role, the user's (AIDA...) or the account id for root otherwise
 * @param entityArn the ARN of that entity when the credentials were issued
 * @param sessionName the role session name or the federated user's name; null for GetSessionToken
 * @param mfaAuthenticatedAt when MFA was last proved for this chain of sessions; null if never
 * @param policy the inline session policy as sent; null when none
 * @param policyArns the managed session policies, in the order sent
 * @param tags the session tags, including those inherited as transitive from a calling session
 * @param transitiveTagKeys the tag keys that pass on to sessions this one assumes
 * @param sourceIdentity the source identity set on this chain of sessions; null when none
 * @param chained whether a role session was assumed with another role session's credentials
 */
public record StsSession(String accessKeyId, String accountId, Type type, String secretSealed,
    byte[] tokenHash, String entityId, String entityArn, String sessionName, Instant issuedAt,
    Instant expiresAt, Instant mfaAuthenticatedAt, String policy, List<String> policyArns,
    List<Tag> tags, List<String> transitiveTagKeys, String sourceIdentity, boolean chained) {

  /** The STS operation behind a session, which decides how its principal appears. */
  public enum Type {
    SESSION_TOKEN, ASSUMED_ROLE, FEDERATED_USER
  }

  public StsSession {
    policyArns = List.copyOf(policyArns);
    tags = List.copyOf(tags);
    transitiveTagKeys = List.copyOf(transitiveTagKeys);
  }

  /**
   * The ARN the session acts as: the assumed-role or federated-user session ARN, or for
   * GetSessionToken credentials the user (or root) itself.
   */
  public String principalArn() {
    switch (type) {
      case ASSUMED_ROLE:
        return "arn:aws:sts::" + accountId + ":assumed-role/"
            + entityArn.substring(entityArn.lastIndexOf('/') + 1) + "/" + sessionName;
      case FEDERATED_USER:
        return "arn:aws:sts::" + accountId + ":federated-user/" + sessionName;
      default:
        return entityArn;
    }
  }

  /** The value of {@code aws:userid}: AROA...:session, ACCOUNT:name, or the user's id. */
  public String userId() {
    switch (type) {
      case ASSUMED_ROLE:
        return entityId + ":" + sessionName;
      case FEDERATED_USER:
        return accountId + ":" + sessionName;
      default:
        return entityId;
    }
  }

  /** Whether the credentials have expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Never prints the sealed secret or the token hash. */
  @Override
  public String toString() {
    return "StsSession[" + accessKeyId + " " + type + " of " + entityArn + " until " + expiresAt
        + "]";
  }
}
