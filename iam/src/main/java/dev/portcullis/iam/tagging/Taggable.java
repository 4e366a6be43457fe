package dev.portcullis.iam.tagging;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.catalog.ManagedPolicies;
import dev.portcullis.iam.credentials.MfaDeviceOperations;
import dev.portcullis.iam.identities.Lookups;
import dev.portcullis.iam.tags.ResourceTags;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.store.StoreTx;
import java.util.Optional;

/**
 * How IAM's tag operations address one taggable kind: the noun in the operation names
 * (Tag{noun}, Untag{noun}, List{noun}Tags), the input member naming the resource and the lookup of the resource (answering NoSuchEntity as IAM words it).
 */
record Taggable(TaggedKind kind, String noun, String member, Lookup lookup) {

  /** Finds the resource a tag request names and returns the id its tags are kept under. */
  @FunctionalInterface
  interface Lookup {
    /**
     * @param changingOperation the operation's name when it changes the tags, empty when it
     *     only lists them
     */
    String resourceId(StoreTx tx, Caller caller, String name, Optional<String> changingOperation);
  }

  /** The kind's description, or empty for a kind whose resource Portcullis does not have yet. */
  static Optional<Taggable> of(TaggedKind kind) {
    return Optional.ofNullable(switch (kind) {
      case USER -> new Taggable(kind, "User", "UserName",
          (tx, caller, name, change) -> Lookups.requireUser(tx, caller.accountId(), name)
              .userId());
      case ROLE -> new Taggable(kind, "Role", "RoleName",
          (tx, caller, name, change) -> Lookups.requireRole(tx, caller.accountId(), name)
              .roleId());
      case POLICY -> new Taggable(kind, "Policy", "PolicyArn", Taggable::policyId);
      case INSTANCE_PROFILE -> new Taggable(kind, "InstanceProfile", "InstanceProfileName",
          (tx, caller, name, change) ->
              Lookups.requireInstanceProfile(tx, caller.accountId(), name).instanceProfileId());
      case MFA_DEVICE -> new Taggable(kind, "MFADevice", "SerialNumber",
          (tx, caller, name, change) -> MfaDeviceOperations.requireDevice(tx, caller, name)
              .serialNumber());
      case OIDC_PROVIDER, SAML_PROVIDER, SERVER_CERTIFICATE -> null;
    });
  }

  /** The description of a kind Portcullis has; asking for another is a programming error. */
  static Taggable require(TaggedKind kind) {
    return of(kind).orElseThrow(() ->
        new IllegalArgumentException("no tag operations for " + kind + " yet"));
  }

  /** The tag store access of this kind, with its quota. */
  ResourceTags tags() {
    return ResourceTags.of(kind);
  }

  /**
   * A policy's tags; AWS managed policies can be listed (they have none) but not tagged: they
   * belong to AWS's account, and IAM answers AccessDenied.
   */
  private static String policyId(StoreTx tx, Caller caller, String arn,
      Optional<String> changingOperation) {
    ManagedPolicy policy = ManagedPolicies.require(tx, caller.accountId(), arn);
    changingOperation.ifPresent(op ->
        ManagedPolicies.requireCustomerManaged(caller, op, policy));
    return policy.policyId();
  }
}
