package dev.portcullis.policy.evaluation;

import java.util.Objects;
import java.util.Optional;

/**
 * The resource-based policy of the requested resource.
 *
 * <p>Within one account an Allow in it works according to whom it names (AWS's "resource-based
 * policies and implicit denies in other policy types"): naming the caller itself (the IAM user, the
 * role session, the federated-user session, a service, or everyone) allows the request even without
 * an identity-based Allow, permissions boundary or session policy Allow; naming the role or IAM
 * user behind a session stands in for the identity-based Allow but stays limited by the boundary
 * and session policies; naming the account only delegates to the identity-based policies. Across
 * accounts both the resource-based and the identity-based side must allow.
 *
 * @param policy the compiled policy
 * @param account the account that owns the resource; empty means the caller's own account
 * @param requiresAllow whether the request needs this policy's Allow whatever else allows it, as a
 *     role trust policy does for {@code sts:AssumeRole}
 */
public record ResourcePolicy(
    CompiledPolicy policy, Optional<String> account, boolean requiresAllow) {

  public ResourcePolicy {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(account, "account");
  }

  /** A resource-based policy, such as a bucket policy, of a resource in {@code account}. */
  public static ResourcePolicy of(CompiledPolicy policy, String account) {
    return new ResourcePolicy(policy, Optional.of(account), false);
  }

  /** The trust policy of a role in {@code account}, evaluated for assuming the role. */
  public static ResourcePolicy trust(CompiledPolicy policy, String account) {
    return new ResourcePolicy(policy, Optional.of(account), true);
  }

  /** Whether the resource lives in another account than the caller's. */
  boolean crossAccount(RequestPrincipal caller) {
    return account.isPresent()
        && !caller.account().isEmpty()
        && !account.get().equals(caller.account());
  }
}
