package dev.portcullis.iam.authz;

import dev.portcullis.policy.evaluation.CompiledPolicy;
import dev.portcullis.policy.evaluation.EvaluationInput;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy as it applies to a request: where it comes from, its text as written (for the
 * statement positions the simulator reports) and its compiled form.
 *
 * @param source the kind of policy, with AWS's SourcePolicyType word
 * @param id the inline policy's name or the managed policy's ARN
 * @param owner for an inline policy, the name of the user, group or role it is embedded in
 */
public record AppliedPolicy(Source source, String id, String owner, String document,
    CompiledPolicy compiled) {

  /** AWS's SourcePolicyType values of the simulation API. */
  public enum Source {
    USER("user"), GROUP("group"), ROLE("role"), AWS_MANAGED("aws-managed"),
    CUSTOMER_MANAGED("user-managed"), RESOURCE("resource"), NONE("none");

    private final String wire;

    Source(String wire) {
      this.wire = wire;
    }

    /** The value as the API spells it. */
    public String wire() {
      return wire;
    }
  }

  public AppliedPolicy {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(compiled, "compiled");
  }

  /**
   * Adds a principal's policies to an evaluation, each in the role it plays: the identity
   * policies, the permissions boundary, the session policies.
   */
  public static EvaluationInput.Builder addTo(EvaluationInput.Builder in,
      List<AppliedPolicy> identity, Optional<AppliedPolicy> boundary,
      List<AppliedPolicy> session) {
    identity.forEach(p -> in.identityPolicy(p.compiled()));
    boundary.ifPresent(p -> in.permissionsBoundary(p.compiled()));
    session.forEach(p -> in.sessionPolicy(p.compiled()));
    return in;
  }

  /** Whether this is a managed policy, named by ARN. */
  public boolean managed() {
    return source == Source.AWS_MANAGED || source == Source.CUSTOMER_MANAGED;
  }
}
