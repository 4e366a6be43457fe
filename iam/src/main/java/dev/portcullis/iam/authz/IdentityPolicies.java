package dev.portcullis.iam.authz;

import dev.portcullis.iam.domain.Tag;
import java.util.List;
import java.util.Optional;

/**
 * Everything an IAM user, group or role brings to the evaluation of its requests: its
 * identity-based policies (for a user, also those of its groups), its permissions boundary and
 * its tags (the values of {@code aws:PrincipalTag}).
 */
public record IdentityPolicies(List<AppliedPolicy> identity, Optional<AppliedPolicy> boundary,
    List<Tag> tags) {

  public IdentityPolicies {
    identity = List.copyOf(identity);
    tags = List.copyOf(tags);
  }
}
