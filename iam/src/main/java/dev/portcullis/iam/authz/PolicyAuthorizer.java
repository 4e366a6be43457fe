package dev.portcullis.iam.authz;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.mfa.MfaProofs;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** One request being authorized: who asks, with what, and what the trust policy decides. */
  private record Ask(Caller caller, CallerPermissions permissions, Struct input,
      Instant provedMfa, boolean trusted) {}

  @Override
  public void authorize(Caller caller, String service, String operation, Struct input) {
    if (exempt(caller, service, operation)) {
      return;
    }
    // Before the root user's shortcut: a root GetSessionToken session without MFA calls IAM no
    // more than a user's does.
    CredentialScope.check(caller, service, operation);
    if (caller instanceof Caller.Root) {
      return;
    }
    ActionCatalog.Action action = action(service, operation);
    RequestTarget target = targets.resolve(action, input, caller);
    CallerPermissions permissions = CallerPermissions.of(caller, snapshot).orElseThrow(() ->
        new AwsException(ErrorCode.ACCESS_DENIED, AccessDeniedMessage.of(caller.principalArn(),
            action.qualified(), target.description(), GONE)));
    boolean assumeRole = service.equals("sts") && operation.equals("AssumeRole");
    // An MFA code sent with AssumeRole counts for the trust policy, so it is proved first.
    Instant provedMfa = assumeRole && input.has("SerialNumber")
        ? mfa.prove(caller, input.string("SerialNumber"), input.string("TokenCode")) : null;
    Ask ask = new Ask(caller, permissions, input, provedMfa, assumeRole);
    decide(ask, action, target);
    Optional<RequestTarget> renamed = targets.renamed(action, input, target);
    if (renamed.isPresent()) {
      decide(ask, action, renamed.get());
    }
    for (String companion : companions(service, operation, input, caller.session().orElse(null))) {
      decide(ask, alongside(action, companion), target);
    }
    Optional<PassedRole> passed = PassedRole.of(service, operation);
    if (passed.isPresent()) {
      ActionCatalog.Action passRole = action("iam", "PassRole");
      decide(ask, passRole, targets.resolve(passRole, input, caller),
          passed.get().conditionKeys(caller.accountId()));
    }
  }

  /** The calls AWS lets no policy control, or that refuse the caller in their own words. */
  private static boolean exempt(Caller caller, String service, String operation) {
    return service.equals("sts") && (operation.equals("GetCallerIdentity")
        || operation.equals("GetSessionToken")
        || (operation.equals("GetFederationToken") && caller.temporary()));
  }

  /**
   * The STS actions AWS also requires with a session request: sts:TagSession when it passes
   * session tags (its own, or transitive ones of the calling session), sts:SetSourceIdentity
   * when AssumeRole sets or carries on a source identity.
   */
  private static List<String> companions(String service, String operation, Struct input,
      StsSession session) {
    boolean assumeRole = operation.equals("AssumeRole");
    if (!service.equals("sts") || !(assumeRole || operation.equals("GetFederationToken"))) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    if (!input.<Struct>list("Tags").isEmpty()
        || (session != null && !session.transitiveTagKeys().isEmpty())) {
      out.add("TagSession");
    }
    if (assumeRole && (input.has("SourceIdentity")
        || (session != null && session.sourceIdentity() != null))) {
      out.add("SetSourceIdentity");
    }
    return out;
  }

  /**
   * An action AWS authorizes together with {@code main} (sts:TagSession, sts:SetSourceIdentity),
   * evaluated with the main action's condition keys as well as its own, since the statement
   * that allows both may test either.
   */
  private ActionCatalog.Action alongside(ActionCatalog.Action main, String name) {
    ActionCatalog.Action own = action("sts", name);
    List<String> keys = new ArrayList<>(main.conditionKeys());
    keys.addAll(own.conditionKeys());
    return new ActionCatalog.Action(own.service(), own.name(), own.resources(), keys);
  }

  private ActionCatalog.Action action(String service, String operation) {
    return catalog.action(service, operation).orElseGet(() ->
        new ActionCatalog.Action(service, operation, List.of(), List.of()));
  }

  private void decide(Ask ask, ActionCatalog.Action action, RequestTarget target) {
    decide(ask, action, target, Map.of());
  }

  /** Decides {@code action} on {@code target}, with {@code extraKeys} in the context. */
  private void decide(Ask ask, ActionCatalog.Action action, RequestTarget target,
      Map<String, List<String>> extraKeys) {
    Caller caller = ask.caller();
    CallerPermissions permissions = ask.permissions();
    RequestContext request = RequestContexts.build(caller, permissions.principal(), action,
        target, ask.input(), permissions.tags(), ask.provedMfa(), extraKeys);
    Optional<AppliedPolicy> trust = ask.trusted()
        ? target.facts().flatMap(ResourceFacts::trustPolicy) : Optional.empty();
    EvaluationResult result;
    if (target.isMissing()) {
      // A resource that does not exist (an access key the account lacks): nothing allows it.
      result = GONE;
    } else if (ask.trusted() && trust.isEmpty()) {
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

  private static EvaluationInput input(RequestContext request, CallerPermissions permissions,
      Optional<AppliedPolicy> trust, String accountId) {
    EvaluationInput.Builder in = AppliedPolicy.addTo(EvaluationInput.builder(request),
        permissions.identity(), permissions.boundary(), permissions.session());
    trust.ifPresent(t -> in.resourcePolicy(ResourcePolicy.trust(t.compiled(), accountId)));
    return in.build();
  }
}
