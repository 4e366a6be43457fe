package dev.portcullis.iam.domain;

import java.time.Instant;

/**
 * A managed policy: a customer managed one of an account, or an AWS managed one (account
 * {@value #AWS_ACCOUNT}). {@code updatedAt} is when its newest version was created.
 */
public record ManagedPolicy(String accountId, String policyId, String name, String path,
    String description, String defaultVersionId, Instant createdAt, Instant updatedAt) {

  /** The account part of the ARNs of AWS managed policies. */
  public static final String AWS_ACCOUNT = "aws";

  public String arn() {
    return Arn.of(accountId, "policy", path, name);
  }

  /** Whether AWS owns the policy, so that customers cannot change or delete it. */
  public boolean awsManaged() {
    return AWS_ACCOUNT.equals(accountId);
  }
}
