package dev.portcullis.iam.domain;

import java.time.Instant;

/**
 * A long-term access key of a user. The secret is kept only encrypted ({@code secretSealed});
 * it is shown once, in the CreateAccessKey response.
 */
public record AccessKey(String accountId, String accessKeyId, String userId, String secretSealed,
    Status status, Instant createdAt, LastUsed lastUsed) {

  /** Whether the key may sign requests. */
  public enum Status {
    Active, Inactive
  }

  /** When and where the key last signed a request; null until first use. */
  public record LastUsed(Instant at, String service, String region) {}
}
