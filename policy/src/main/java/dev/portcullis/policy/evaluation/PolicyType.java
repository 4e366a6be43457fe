package dev.portcullis.policy.evaluation;

/**
 * The types of policy AWS evaluates for a request, in the order its evaluation logic visits them.
 */
public enum PolicyType {
  /** AWS Organizations service control policies of the principal's account. */
  SERVICE_CONTROL_POLICY("service control policy"),
  /** The policy attached to the resource, such as a role trust policy. */
  RESOURCE_BASED("resource-based policy"),
  /** Policies attached to the user, its groups, or the role. */
  IDENTITY_BASED("identity-based policy"),
  /** The managed policy set as the entity's permissions boundary. */
  PERMISSIONS_BOUNDARY("permissions boundary"),
  /** Policies passed when the session was created. */
  SESSION_POLICY("session policy");

  private final String description;

  PolicyType(String description) {
    this.description = description;
  }

  /** How AWS's messages name this type: "identity-based policy", "permissions boundary", ... */
  public String description() {
    return description;
  }
}
