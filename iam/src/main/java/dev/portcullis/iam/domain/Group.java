package dev.portcullis.iam.domain;

import java.time.Instant;

/** An IAM group. */
public record Group(String accountId, String groupId, String name, String path,
    Instant createdAt) {

  public String arn() {
    return Arn.of(accountId, "group", path, name);
  }
}
