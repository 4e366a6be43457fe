package dev.portcullis.iam.authz;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.auth.Authorizer;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.sts.MfaProofs;
import dev.portcullis.policy.evaluation.Decision;
import dev.portcullis.policy.evaluation.EvaluationInput;
import dev.portcullis.policy.evaluation.EvaluationResult;
import dev.portcullis.policy.evaluation.Evaluator;
import dev.portcullis.policy.evaluation.PolicyType;
import dev.portcullis.policy.evaluation.RequestContext;
import dev.portcullis.policy.evaluation.ResourcePolicy;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authorizes every IAM and STS call with AWS's policy evaluation logic: the caller's identity
 * policies, permissions boundary and session policies, a role's trust policy for
 * sts:AssumeRole, against the resource and condition keys AWS uses for the action. The account
 * root user is allowed everything. A denial is an AccessDenied in AWS's words, carrying the
 * encoded evaluation trace that sts:DecodeAuthorizationMessage reveals.
 */
public final class PolicyAuthorizer implements Authorizer {
  /** How a caller whose user or role was deleted is denied: nothing allows it any more. */
  private static final EvaluationResult GONE = new EvaluationResult(Decision.IMPLICIT_DENY,
      Optional.of(PolicyType.IDENTITY_BASED), List.of(), Set.of());
  private final ActionCatalog catalog;
  private final AuthorizationSnapshot snapshot;
  private final RequestTargets targets;
  private final AuthorizationMessages messages;
  private final MfaProofs mfa;

  public PolicyAuthorizer(ActionCatalog catalog, AuthorizationSnapshot snapshot,
      AuthorizationMessages messages, MfaProofs mfa) {
    this.catalog = catalog;
    this.mfa = mfa;
    this.snapshot = snapshot;
    this.targets = new RequestTargets(snapshot);
    this.messages = messages;
  }

  @Override
  public void authorize(Caller caller, String service, String operation, Struct input) {
    if (service.equals("sts") && (operation.equals("GetCallerIdentity")
        || operation.equals("GetSessionToken"))) {
      return; // AWS requires no permission for these, and no policy can deny them.
    }
    if (service.equals("sts") && operation.equals("GetFederationToken") && caller.temporary()) {
      return; // The operation itself refuses session credentials, in its own words.
    }
    if (caller.root()) {
      return;
    }
    CredentialScope.check(caller, service, operation);
    ActionCatalog.Action action = action(service, operation);
    RequestTarget target = targets.resolve(action, input, caller);
    CallerPermissions permissions = CallerPermissions.of(caller, snapshot).orElseThrow(() ->
        new AwsException(ErrorCode.ACCESS_DENIED, AccessDeniedMessage.of(caller.principalArn(),
            action.qualified(), target.description(), GONE)));
    if (!(service.equals("sts") && (operation.equals("AssumeRole")
        || operation.equals("GetFederationToken")))) {
      decide(caller, permissions, action, target, input, null, false);
      Optional<RequestTarget> renamed = targets.renamed(action, input, target);
      if (renamed.isPresent()) {
        decide(caller, permissions, action, renamed.get(), input, null, false);
      }
      return;
    }
    // An MFA code sent with AssumeRole counts for the trust policy, so it is proved first.
    Instant provedMfa = operation.equals("AssumeRole") && input.has("SerialNumber")
        ? mfa.prove(caller, input.string("SerialNumber"), input.string("TokenCode")) : null;
    // The trust policy answers for AssumeRole and the actions that come with it.
    boolean trust = operation.equals("AssumeRole");
    decide(caller, permissions, action, target, input, provedMfa, trust);
    StsSession session = caller.session();
    boolean tags = !input.<Struct>list("Tags").isEmpty()
        || (session != null && !session.transitiveTagKeys().isEmpty());
    if (tags) {
      decide(caller, permissions, alongside(action, "TagSession"), target, input, provedMfa,
          trust);
    }
    if (operation.equals("AssumeRole") && (input.has("SourceIdentity")
        || (session != null && session.sourceIdentity() != null))) {
      decide(caller, permissions, alongside(action, "SetSourceIdentity"), target, input,
          provedMfa, trust);
    }
  }

  /**
   * An action AWS authorizes together with {@code main} (sts:TagSession, sts:SetSourceIdentity),
   * evaluated with the main action's condition keys as well as its own, since the statement
   * that allows both may test either.
   */
  private ActionCatalog.Action alongside(ActionCatalog.Action main, String name) {
    ActionCatalog.Action own = action("sts", name);
    List<String> keys = new java.util.ArrayList<>(main.conditionKeys());
    keys.addAll(own.conditionKeys());
    return new ActionCatalog.Action(own.service(), own.name(), own.resources(), keys);
  }

  private ActionCatalog.Action action(String service, String operation) {
    return catalog.action(service, operation).orElseGet(() ->
        new ActionCatalog.Action(service, operation, List.of(), List.of()));
  }

  private void decide(Caller caller, CallerPermissions permissions, ActionCatalog.Action action,
      RequestTarget target, Struct input, Instant provedMfa, boolean trusted) {
    RequestContext request = RequestContexts.build(caller, permissions.principal(), action,
        target, input, permissions.tags(), provedMfa);
    Optional<AppliedPolicy> trust = trusted
        ? target.facts().flatMap(ResourceFacts::trustPolicy) : Optional.empty();
    EvaluationResult result;
    if (trusted && trust.isEmpty()) {
      // No such role (or one of another account): nothing can allow assuming it.
      result = new EvaluationResult(Decision.IMPLICIT_DENY,
          Optional.of(PolicyType.RESOURCE_BASED), List.of(), Set.of());
    } else {
      result = Evaluator.evaluate(input(request, permissions, trust, caller.accountId()));
    }
    if (!result.isAllowed()) {
      String encoded = messages.encode(caller, permissions, request, trust, result);
      throw new AwsException(ErrorCode.ACCESS_DENIED, AccessDeniedMessage.of(
          caller.principalArn(), action.qualified(), target.description(), result)
          + ". Encoded authorization failure message: " + encoded);
    }
  }

  static EvaluationInput input(RequestContext request, CallerPermissions permissions,
      Optional<AppliedPolicy> trust, String accountId) {
    EvaluationInput.Builder in = EvaluationInput.builder(request);
    permissions.identity().forEach(p -> in.identityPolicy(p.compiled()));
    permissions.boundary().ifPresent(p -> in.permissionsBoundary(p.compiled()));
    permissions.session().forEach(p -> in.sessionPolicy(p.compiled()));
    trust.ifPresent(t -> in.resourcePolicy(ResourcePolicy.trust(t.compiled(), accountId)));
    return in.build();
  }
}
