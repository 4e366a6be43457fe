package dev.portcullis.iam.domain;

import java.time.Instant;

/** An IAM user. {@code permissionsBoundary} is a policy ARN or null. */
public record User(String accountId, String userId, String name, String path, Instant createdAt,
    String permissionsBoundary, Instant passwordLastUsed) {

  public String arn() {
    return Arn.of(accountId, "user", path, name);
  }
}
