package dev.portcullis.iam.authz;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.policy.evaluation.RequestContext;
import dev.portcullis.policy.evaluation.RequestPrincipal;
import dev.portcullis.protocol.Struct;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the request context AWS would evaluate for a call: the global keys of every request
 * (time, source IP, transport, region, the principal's id, name and tags, MFA for sessions) and
 * the keys the action carries according to the Service Authorization Reference (request tags,
 * tag keys, the permissions boundary, the policy ARN, STS's keys), read from the request.
 */
public final class RequestContexts {
  private RequestContexts() {}

  /**
   * The context of {@code action} on {@code target}.
   *
   * @param principalTags the values of aws:PrincipalTag, session tags already applied
   * @param provedMfa when this very request proved MFA (AssumeRole with a TokenCode); else null
   */
  public static RequestContext build(Caller caller, RequestPrincipal principal,
      ActionCatalog.Action action, RequestTarget target, Struct input, List<Tag> principalTags,
      Instant provedMfa) {
    return build(caller, principal, action, target, input, principalTags, provedMfa, Map.of());
  }

  /**
   * The context of {@code action} on {@code target}, with {@code extraKeys} that the action
   * carries but the request does not spell out (iam:PassedToService for the role an operation
   * passes).
   */
  public static RequestContext build(Caller caller, RequestPrincipal principal,
      ActionCatalog.Action action, RequestTarget target, Struct input, List<Tag> principalTags,
      Instant provedMfa, Map<String, List<String>> extraKeys) {
    RequestContext.Builder b = RequestContext.builder(principal).action(action.qualified())
        .resource(target.arn());
    global(b, caller, principalTags);
    if (provedMfa != null) {
      b.contextKey("aws:MultiFactorAuthPresent", "true");
      b.contextKey("aws:MultiFactorAuthAge", "0");
    }
    actionKeys(b, caller, action, target, input);
    extraKeys.forEach((key, values) -> {
      if (action.hasConditionKey(key)) {
        b.contextKey(key, values);
      }
    });
    target.type().ifPresent(type -> target.facts().ifPresent(facts -> {
      if (type.hasKeyPrefix("aws:ResourceTag/")) {
        facts.tags().forEach(t -> b.contextKey("aws:ResourceTag/" + t.key(), t.value()));
      }
      if (type.hasKeyPrefix("iam:ResourceTag/")) {
        facts.tags().forEach(t -> b.contextKey("iam:ResourceTag/" + t.key(), t.value()));
      }
    }));
    return b.build();
  }

  private static void global(RequestContext.Builder b, Caller caller, List<Tag> principalTags) {
    Instant now = caller.requestTime();
    time(b, now);
    b.contextKey("aws:SecureTransport", Boolean.toString(caller.secureTransport()));
    if (caller.sourceIp() != null) {
      b.contextKey("aws:SourceIp", caller.sourceIp());
    }
    if (caller.region() != null) {
      b.contextKey("aws:RequestedRegion", caller.region());
    }
    b.contextKey("aws:userid", caller.userId());
    b.contextKey("aws:PrincipalIsAWSService", "false");
    b.contextKey("aws:ViaAWSService", "false");
    principalTags.forEach(t -> b.contextKey("aws:PrincipalTag/" + t.key(), t.value()));
    caller.session().ifPresent(session -> {
      temporaryCredentials(b, now, session.mfaAuthenticatedAt(), session.issuedAt());
      if (session.sourceIdentity() != null) {
        b.contextKey("aws:SourceIdentity", session.sourceIdentity());
      }
    });
    if (caller instanceof Caller.ConsoleSession console) {
      // The console's sign-in session is temporary too, with or without MFA (IAM User Guide,
      // aws:MultiFactorAuthPresent: "users of the AWS Management Console").
      temporaryCredentials(b, now, console.mfaAuthenticated() ? console.signedInAt() : null,
          console.signedInAt());
    }
  }

  /**
   * The keys AWS sets only for temporary credentials (long-term keys leave them absent): MFA
   * present (true or false) and its age, and the time the credentials were issued.
   */
  private static void temporaryCredentials(RequestContext.Builder b, Instant now,
      Instant mfaAuthenticatedAt, Instant issuedAt) {
    boolean mfa = mfaAuthenticatedAt != null;
    b.contextKey("aws:MultiFactorAuthPresent", Boolean.toString(mfa));
    if (mfa) {
      b.contextKey("aws:MultiFactorAuthAge", Long.toString(Math.max(0,
          now.getEpochSecond() - mfaAuthenticatedAt.getEpochSecond())));
    }
    b.contextKey("aws:TokenIssueTime", DateTimeFormatter.ISO_INSTANT.format(
        issuedAt.truncatedTo(ChronoUnit.SECONDS)));
  }

  /** Sets aws:CurrentTime and aws:EpochTime for a request made at {@code now}. */
  public static RequestContext.Builder time(RequestContext.Builder b, Instant now) {
    return b.contextKey("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(
        now.truncatedTo(ChronoUnit.SECONDS)))
        .contextKey("aws:EpochTime", Long.toString(now.getEpochSecond()));
  }

  private static void actionKeys(RequestContext.Builder b, Caller caller,
      ActionCatalog.Action action, RequestTarget target, Struct request) {
    // Serves every action: a member the operation's input lacks is just absent.
    Struct input = request.anyMember();
    List<Struct> tags = input.has("Tags") ? input.<Struct>list("Tags") : List.of();
    if (action.hasConditionKey("aws:RequestTag/${TagKey}")) {
      tags.forEach(t -> {
        // A tag may come without a value (CloudTrail's Tag has an optional Value): it then
        // sets no aws:RequestTag key, rather than failing the request with a 500.
        String value = t.string("Value");
        if (value != null) {
          b.contextKey("aws:RequestTag/" + t.string("Key"), value);
        }
      });
    }
    if (action.hasConditionKey("aws:TagKeys")) {
      List<String> keys = new ArrayList<>();
      tags.forEach(t -> keys.add(t.string("Key")));
      if (input.has("TagKeys")) {
        keys.addAll(input.<String>list("TagKeys"));
      }
      b.contextKey("aws:TagKeys", keys);
    }
    if (action.hasConditionKey("iam:PermissionsBoundary")) {
      String boundary = input.string("PermissionsBoundary", null);
      if (boundary == null) {
        boundary = target.facts().flatMap(ResourceFacts::permissionsBoundary).orElse(null);
      }
      if (boundary != null) {
        b.contextKey("iam:PermissionsBoundary", boundary);
      }
    }
    copy(b, action, input, "iam:PolicyARN", "PolicyArn");
    copy(b, action, input, "sts:ExternalId", "ExternalId");
    copy(b, action, input, "sts:RoleSessionName", "RoleSessionName");
    copy(b, action, input, "sts:SourceIdentity", "SourceIdentity");
    if (action.hasConditionKey("sts:SourceIdentity") && !input.has("SourceIdentity")) {
      // A chained session carries its source identity on to the role it assumes.
      caller.session().map(StsSession::sourceIdentity)
          .ifPresent(id -> b.contextKey("sts:SourceIdentity", id));
    }
    if (action.hasConditionKey("sts:TransitiveTagKeys") && input.has("TransitiveTagKeys")) {
      b.contextKey("sts:TransitiveTagKeys", input.<String>list("TransitiveTagKeys"));
    }
  }

  private static void copy(RequestContext.Builder b, ActionCatalog.Action action, Struct input,
      String key, String member) {
    if (action.hasConditionKey(key) && input.has(member)) {
      b.contextKey(key, input.string(member));
    }
  }
}
