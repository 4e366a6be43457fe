package dev.portcullis.iam.domain;

import java.time.Instant;

/**
 * An IAM role. {@code assumeRolePolicy} is the trust policy document as the client sent it;
 * {@code permissionsBoundary} a policy ARN or null; {@code lastUsed} null until first use.
 */
public record Role(String accountId, String roleId, String name, String path, Instant createdAt,
    String assumeRolePolicy, String description, int maxSessionDuration,
    String permissionsBoundary, LastUsed lastUsed) {

  /** AWS's default maximum session duration, in seconds. */
  public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

  public String arn() {
    return Arn.of(accountId, "role", path, name);
  }

  public Role withAssumeRolePolicy(String document) {
    return new Role(accountId, roleId, name, path, createdAt, document, description,
        maxSessionDuration, permissionsBoundary, lastUsed);
  }

  public Role withDescription(String text) {
    return new Role(accountId, roleId, name, path, createdAt, assumeRolePolicy, text,
        maxSessionDuration, permissionsBoundary, lastUsed);
  }

  public Role withMaxSessionDuration(int seconds) {
    return new Role(accountId, roleId, name, path, createdAt, assumeRolePolicy, description,
        seconds, permissionsBoundary, lastUsed);
  }

  public Role withPermissionsBoundary(String policyArn) {
    return new Role(accountId, roleId, name, path, createdAt, assumeRolePolicy, description,
        maxSessionDuration, policyArn, lastUsed);
  }

  /** When and in which region the role was last assumed. */
  public record LastUsed(Instant at, String region) {}
}
