package dev.portcullis.iam.authz;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.protocol.Struct;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out the resource ARN of a request from the action's resource types (AWS's Service
 * Authorization Reference) and the request's members: a member that holds the ARN itself
 * (RoleArn, PolicyArn, SerialNumber, ...), else the member that names the resource, with the
 * resource's path from the snapshot (or the request's Path when it creates the resource).
 */
public final class RequestTargets {
  /** Members holding a full ARN of the type, tried first. */
  private static final Map<String, List<String>> ARN_MEMBERS = Map.of(
      "user", List.of("PolicySourceArn"),
      "group", List.of("PolicySourceArn"),
      "role", List.of("RoleArn", "PolicySourceArn"),
      "policy", List.of("PolicyArn"),
      "mfa", List.of("SerialNumber"),
      "oidc-provider", List.of("OpenIDConnectProviderArn"),
      "saml-provider", List.of("SAMLProviderArn"));

  /** Members holding the resource's name. */
  private static final Map<String, String> NAME_MEMBERS = Map.of(
      "user", "UserName",
      "group", "GroupName",
      "role", "RoleName",
      "policy", "PolicyName",
      "instance-profile", "InstanceProfileName",
      "mfa", "VirtualMFADeviceName",
      "server-certificate", "ServerCertificateName",
      "federated-user", "Name");

  /** List operations, authorized against the path they list (IAM: "policy path /"). */
  private static final Map<String, String> PATH_LISTS = Map.of(
      "ListUsers", "user", "ListGroups", "group", "ListRoles", "role",
      "ListPolicies", "policy", "ListInstanceProfiles", "instance-profile",
      "ListServerCertificates", "server-certificate");

  /** Renaming operations and the member holding the new name. */
  private static final Map<String, String> RENAMES = Map.of(
      "UpdateUser", "NewUserName", "UpdateGroup", "NewGroupName",
      "UpdateServerCertificate", "NewServerCertificateName");

  /**
   * Operations that create the resource their name member names: authorized on the resource as
   * the request describes it (its Path; no tags of its own yet), never on an existing entity of
   * that name, so that a denied caller cannot tell whether the name is taken.
   */
  private static final Map<String, String> CREATES = Map.of(
      "CreateUser", "user", "CreateGroup", "group", "CreateRole", "role",
      "CreatePolicy", "policy", "CreateInstanceProfile", "instance-profile",
      "CreateVirtualMFADevice", "mfa", "UploadServerCertificate", "server-certificate");

  /** Types that IAM's messages name by their friendly name rather than their ARN. */
  private static final List<String> NAMED_IN_MESSAGES = List.of("user", "role", "group");

  private final AuthorizationSnapshot snapshot;

  public RequestTargets(AuthorizationSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** The resource of {@code action} as requested by {@code caller} with {@code input}. */
  public RequestTarget resolve(ActionCatalog.Action action, Struct request, Caller caller) {
    // Serves every action: a member the operation's input lacks is just absent.
    Struct input = request.anyMember();
    String listed = action.service().equals("iam") ? PATH_LISTS.get(action.name()) : null;
    if (listed != null) {
      String prefix = input.string("PathPrefix", "/");
      return new RequestTarget(Arn.of(caller.accountId(), listed, prefix, ""), listed + " path "
          + prefix, Optional.empty(), Optional.empty());
    }
    boolean iam = action.service().equals("iam");
    if (iam && action.name().equals("GetAccessKeyLastUsed")) {
      return keyOwner(action, input.string("AccessKeyId", ""), caller);
    }
    String created = iam ? CREATES.get(action.name()) : null;
    for (ActionCatalog.ActionResource resource : action.resources()) {
      Optional<RequestTarget> bound = resource.type().name().equals(created)
          ? created(resource.type(), input, caller) : bind(resource.type(), input, caller);
      if (bound.isPresent()) {
        return bound.get();
      }
    }
    for (ActionCatalog.ActionResource resource : action.resources()) {
      if (resource.type().name().equals("user")) {
        Optional<RequestTarget> self = callerAsUser(resource.type(), caller);
        if (self.isPresent()) {
          return self.get();
        }
      }
    }
    return RequestTarget.anyResource();
  }

  /**
   * For a rename or move, the resource as it will be called: AWS requires permission on both
   * the source and the target ("to change Bob to Robert, ... permission on Bob and Robert").
   */
  public Optional<RequestTarget> renamed(ActionCatalog.Action action, Struct request,
      RequestTarget current) {
    Struct input = request.anyMember();
    String member = action.service().equals("iam") ? RENAMES.get(action.name()) : null;
    if (member == null || (!input.has(member) && !input.has("NewPath"))
        || current.type().isEmpty()) {
      return Optional.empty();
    }
    return Arn.parse(current.arn()).map(parts -> {
      String name = input.string(member, parts.name());
      // The same entity under its new name: its tags still count for aws:ResourceTag.
      return target(current.type().get(), Arn.of(parts.accountId(), parts.type(),
          input.string("NewPath", parts.path()), name), name, current.facts());
    });
  }

  private Optional<RequestTarget> bind(ActionCatalog.ResourceType type, Struct input,
      Caller caller) {
    String typeName = type.name();
    for (String member : ARN_MEMBERS.getOrDefault(typeName, List.of())) {
      String arn = input.string(member, null);
      Optional<Arn.Parts> parts = arn == null ? Optional.empty() : Arn.parse(arn);
      if (parts.isPresent() && parts.get().type().equals(typeName)) {
        Optional<ResourceFacts> facts = parts.get().accountId().equals(caller.accountId())
            || typeName.equals("policy")
            ? facts(caller.accountId(), typeName, typeName.equals("policy") ? arn
                : parts.get().name()).filter(f -> f.arn().equals(arn))
            : Optional.empty();
        return Optional.of(target(type, arn, parts.get().name(), facts));
      }
      if (arn != null && !member.equals("PolicySourceArn")) {
        // An ARN of another type (or none) names no such resource: authorize on it as given.
        return Optional.of(new RequestTarget(arn, arn, Optional.of(type), Optional.empty()));
      }
    }
    String nameMember = NAME_MEMBERS.get(typeName);
    String name = nameMember == null ? null : input.string(nameMember, null);
    if (name == null) {
      return Optional.empty();
    }
    if (type.service().equals("sts") && typeName.equals("federated-user")) {
      return Optional.of(target(type, "arn:aws:sts::" + caller.accountId()
          + ":federated-user/" + name, name, Optional.empty()));
    }
    Optional<ResourceFacts> facts = facts(caller.accountId(), typeName, name);
    String arn = facts.map(ResourceFacts::arn).orElseGet(() ->
        Arn.of(caller.accountId(), typeName, input.string("Path", "/"), name));
    return Optional.of(target(type, arn, name, facts));
  }

  /**
   * The resource a Create request describes: its ARN from the request's Path and name, with no
   * facts, whether or not an entity of that name exists.
   */
  private static Optional<RequestTarget> created(ActionCatalog.ResourceType type, Struct input,
      Caller caller) {
    String name = input.string(NAME_MEMBERS.get(type.name()), null);
    if (name == null) {
      return Optional.empty();
    }
    return Optional.of(target(type, Arn.of(caller.accountId(), type.name(),
        input.string("Path", "/"), name), name, Optional.empty()));
  }

  /**
   * GetAccessKeyLastUsed names only a key: AWS authorizes it on the user who owns the key, so a
   * grant on the caller's own user covers only the caller's keys. A key the account does not
   * have is no resource at all: nobody is allowed to read it. A denial names the key, never its
   * owner: AWS's "on resource: user OWNER" would hand a caller refused the owner anyway the very
   * mapping from key id to user name that the authorization withholds, and would tell existing
   * keys from unknown ones.
   */
  private RequestTarget keyOwner(ActionCatalog.Action action, String accessKeyId,
      Caller caller) {
    String described = "access key " + accessKeyId;
    Optional<String> owner = snapshot.accessKeyOwner(caller.accountId(), accessKeyId);
    Optional<ActionCatalog.ResourceType> user = action.resources().stream()
        .map(ActionCatalog.ActionResource::type).filter(t -> t.name().equals("user")).findFirst();
    if (owner.isEmpty() || user.isEmpty()) {
      return RequestTarget.missing(described);
    }
    Optional<ResourceFacts> facts = facts(caller.accountId(), "user", owner.get());
    String arn = facts.map(ResourceFacts::arn)
        .orElseGet(() -> Arn.of(caller.accountId(), "user", "/", owner.get()));
    return new RequestTarget(arn, described, Optional.of(user.get()), facts);
  }

  /** Operations whose UserName defaults to the caller act on the caller's own user. */
  private Optional<RequestTarget> callerAsUser(ActionCatalog.ResourceType type, Caller caller) {
    return caller.iamUserName().map(name -> target(type, caller.principalArn(), name,
        facts(caller.accountId(), "user", name)));
  }

  private Optional<ResourceFacts> facts(String accountId, String type, String name) {
    return snapshot.resource(accountId, type, name);
  }

  private static RequestTarget target(ActionCatalog.ResourceType type, String arn, String name,
      Optional<ResourceFacts> facts) {
    String description = type.service().equals("iam") && NAMED_IN_MESSAGES.contains(type.name())
        ? type.name() + " " + name
        : type.service().equals("iam") && type.name().equals("policy") ? "policy " + arn : arn;
    return new RequestTarget(arn, description, Optional.of(type), facts);
  }
}
