package dev.portcullis.iam.identities;

import dev.portcullis.iam.domain.Identity;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.store.StoreTx;

/** Resolves the user, group or role a request names, whatever its kind. */
public final class Identities {
  private Identities() {}

  /** The identity of the given kind and name, or NoSuchEntity in IAM's words for that kind. */
  public static Identity require(StoreTx tx, String accountId, PrincipalKind kind, String name) {
    switch (kind) {
      case USER:
        return Identity.of(Lookups.requireUser(tx, accountId, name));
      case GROUP:
        return Identity.of(Lookups.requireGroup(tx, accountId, name));
      case ROLE:
        return Identity.of(Lookups.requireRole(tx, accountId, name));
      default:
        throw new IllegalArgumentException("unknown principal kind " + kind);
    }
  }
}
