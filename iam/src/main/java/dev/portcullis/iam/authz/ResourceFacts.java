package dev.portcullis.iam.authz;

import dev.portcullis.iam.domain.Tag;
import java.util.List;
import java.util.Optional;

/**
 * What authorization needs to know about an existing IAM resource: its ARN (with its path), its
 * tags (for {@code aws:ResourceTag}), its permissions boundary (for {@code
 * iam:PermissionsBoundary}) and, for a role, its trust policy.
 */
public record ResourceFacts(String arn, List<Tag> tags, Optional<String> permissionsBoundary,
    Optional<AppliedPolicy> trustPolicy) {

  public ResourceFacts {
    tags = List.copyOf(tags);
  }
}
