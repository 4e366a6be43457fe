package dev.portcullis.iam.authz;

import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.InlinePolicy;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the policies that apply to a user (its own and its groups'), a group or a role, in
 * the order IAM lists them: inline policies, then attached managed policies.
 */
public final class IdentityPolicyLoader {
  private final PolicyLibrary library;

  public IdentityPolicyLoader(PolicyLibrary library) {
    this.library = library;
  }

  public IdentityPolicies forUser(StoreTx tx, User user) {
    List<AppliedPolicy> policies = new ArrayList<>();
    addOwn(tx, user.accountId(), PrincipalKind.USER, user.userId(), user.name(), policies);
    for (Group group : tx.groups().groupsOfUser(user.accountId(), user.userId())) {
      addOwn(tx, user.accountId(), PrincipalKind.GROUP, group.groupId(), group.name(), policies);
    }
    return new IdentityPolicies(policies, boundary(tx, user.accountId(),
        user.permissionsBoundary()),
        tx.tags().list(user.accountId(), TaggedKind.USER, user.userId()));
  }

  public IdentityPolicies forGroup(StoreTx tx, Group group) {
    List<AppliedPolicy> policies = new ArrayList<>();
    addOwn(tx, group.accountId(), PrincipalKind.GROUP, group.groupId(), group.name(), policies);
    return new IdentityPolicies(policies, Optional.empty(), List.of());
  }

  public IdentityPolicies forRole(StoreTx tx, Role role) {
    List<AppliedPolicy> policies = new ArrayList<>();
    addOwn(tx, role.accountId(), PrincipalKind.ROLE, role.roleId(), role.name(), policies);
    return new IdentityPolicies(policies, boundary(tx, role.accountId(),
        role.permissionsBoundary()),
        tx.tags().list(role.accountId(), TaggedKind.ROLE, role.roleId()));
  }

  /** The managed policies named by {@code arns} that exist, in that order. */
  public List<AppliedPolicy> managed(StoreTx tx, String accountId, List<String> arns) {
    List<AppliedPolicy> out = new ArrayList<>();
    for (String arn : arns) {
      library.managed(tx, accountId, arn).ifPresent(out::add);
    }
    return out;
  }

  private void addOwn(StoreTx tx, String accountId, PrincipalKind kind, String id, String name,
      List<AppliedPolicy> out) {
    AppliedPolicy.Source source = AppliedPolicy.Source.valueOf(kind.name());
    for (InlinePolicy inline : tx.inlinePolicies().list(kind, id)) {
      String label = kind.word() + "/" + name + "/" + inline.name();
      library.compile(inline.document(), label, PolicyKind.IDENTITY).ifPresent(c ->
          out.add(new AppliedPolicy(source, inline.name(), name, inline.document(), c)));
    }
    out.addAll(managed(tx, accountId, tx.attachments().attachedPolicies(kind, id)));
  }

  private Optional<AppliedPolicy> boundary(StoreTx tx, String accountId, String arn) {
    return arn == null ? Optional.empty() : library.managed(tx, accountId, arn);
  }
}
