package dev.portcullis.iam.domain;

import java.time.Instant;

/** An IAM instance profile: a container that passes one role to an EC2 instance. */
public record InstanceProfile(String accountId, String instanceProfileId, String name,
    String path, Instant createdAt) {

  public String arn() {
    return Arn.of(accountId, "instance-profile", path, name);
  }
}
