package dev.portcullis.iam.sts;

import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.domain.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a new session is to be: everything an {@link StsSession} holds except its credentials
 * and times, which {@link SessionIssuer} makes.
 *
 * @param duration how long the credentials last from now
 */
public record SessionGrant(String accountId, StsSession.Type type, String entityId,
    String entityArn, String sessionName, Duration duration, Instant mfaAuthenticatedAt,
    String policy, List<String> policyArns, List<Tag> tags, List<String> transitiveTagKeys,
    String sourceIdentity, boolean chained) {

  public SessionGrant {
    policyArns = List.copyOf(policyArns);
    tags = List.copyOf(tags);
    transitiveTagKeys = List.copyOf(transitiveTagKeys);
  }

  /** A grant with no session policies, tags or source identity (GetSessionToken, containers). */
  public static SessionGrant plain(String accountId, StsSession.Type type, String entityId,
      String entityArn, String sessionName, Duration duration, Instant mfaAuthenticatedAt) {
    return new SessionGrant(accountId, type, entityId, entityArn, sessionName, duration,
        mfaAuthenticatedAt, null, List.of(), List.of(), List.of(), null, false);
  }
}
