package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.InlinePolicy;
import dev.portcullis.iam.domain.PrincipalKind;
import java.util.List;
import java.util.Optional;

/** Inline policies embedded in users, groups and roles, unique by name per identity. */
public interface InlinePolicyStore {
  /** Adds the policy, or replaces the document of the identity's policy of that name. */
  void put(String accountId, PrincipalKind kind, String principalId, InlinePolicy policy);

  Optional<InlinePolicy> find(PrincipalKind kind, String principalId, String name);

  /** The identity's inline policies, ordered by name. */
  List<InlinePolicy> list(PrincipalKind kind, String principalId);

  /** Deletes a policy; false when the identity has none of that name. */
  boolean delete(PrincipalKind kind, String principalId, String name);
}
