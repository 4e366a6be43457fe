package dev.portcullis.policy.evaluation;

/**
 * The types of policy AWS evaluates for a request, in the order its evaluation logic visits them.
 */
public enum PolicyType {
  /** AWS Organizations service control policies of the principal's account. */
  SERVICE_CONTROL_POLICY,
  /** The policy attached to the resource, such as a role trust policy. */
  RESOURCE_BASED,
  /** Policies attached to the user, its groups, or the role. */
  IDENTITY_BASED,
  /** The managed policy set as the entity's permissions boundary. */
  PERMISSIONS_BOUNDARY,
  /** Policies passed when the session was created. */
  SESSION_POLICY
}
