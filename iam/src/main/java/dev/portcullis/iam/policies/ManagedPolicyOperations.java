package dev.portcullis.iam.policies;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.catalog.ManagedPolicies;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.tags.ResourceTags;
import dev.portcullis.iam.tags.Tagging;
import java.util.function.Supplier;
import dev.portcullis.iam.domain.Identity;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, and ListEntitiesForPolicy (tags: TagOperations).
 * AWS managed policies can be read and listed but not changed.
 */
public final class ManagedPolicyOperations {
  /** AWS's default quota of customer managed policies per account (PoliciesPerAccount). */
  public static final int POLICIES_QUOTA = 1500;
  private static final ResourceTags TAGS = ResourceTags.of(TaggedKind.POLICY);
  /** The order of the lists in ListEntitiesForPolicy's output, which a page runs through. */
  private static final List<PrincipalKind> LISTED_ORDER =
      List.of(PrincipalKind.GROUP, PrincipalKind.USER, PrincipalKind.ROLE);
  private final IamContext ctx;
  private final Supplier<ManagedPolicyCatalog> catalog;

  public ManagedPolicyOperations(IamContext ctx, Supplier<ManagedPolicyCatalog> catalog) {
    this.ctx = ctx;
    this.catalog = catalog;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreatePolicy", this::create)
        .register("GetPolicy", this::get)
        .register("ListPolicies", this::list)
        .register("DeletePolicy", this::delete)
        .register("ListEntitiesForPolicy", this::entities);
  }

  private Struct create(Caller caller, Struct in) {
    String name = in.string("PolicyName");
    String document = in.string("PolicyDocument");
    List<Tag> tags = Tagging.fromInput(in);
    TAGS.checkQuota(tags);
    PolicyDocuments.validateManagedPolicy(document);
    return ctx.store().write(tx -> {
      if (tx.policies().findByName(caller.accountId(), name).isPresent()) {
        throw AwsException.of(ErrorCode.ENTITY_ALREADY_EXISTS,
            "A policy called %s already exists. Duplicate names are not allowed.", name);
      }
      if (tx.policies().count(caller.accountId()) >= POLICIES_QUOTA) {
        throw AwsException.of(ErrorCode.LIMIT_EXCEEDED,
            "Cannot exceed quota for PoliciesPerAccount: %d", POLICIES_QUOTA);
      }
      Instant now = ctx.clock().instant();
      ManagedPolicy policy = new ManagedPolicy(caller.accountId(),
          ctx.ids().entityId(Ids.IdPrefix.ANPA), name, in.string("Path", "/"),
          in.string("Description"), "v1", now, now);
      tx.policies().insert(policy, new PolicyVersion(policy.policyId(), "v1", document, true,
          now));
      TAGS.set(tx, caller.accountId(), policy.policyId(), tags);
      return Struct.of("Policy", PolicyShapes.created(policy, tags));
    });
  }

  private Struct get(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      ManagedPolicy policy = ManagedPolicies.require(tx, caller.accountId(),
          in.string("PolicyArn"));
      return Struct.of("Policy", PolicyShapes.detailed(policy,
          usage(tx, caller.accountId(), policy),
          TAGS.of(tx, caller.accountId(), policy.policyId())));
    });
  }

  /**
   * Lists AWS and customer managed policies by name. OnlyAttached keeps the policies in use:
   * attached, used as a boundary, or either, as PolicyUsageFilter says.
   */
  private Struct list(Caller caller, Struct in) {
    String scope = in.string("Scope", "All");
    String prefix = in.string("PathPrefix", "/");
    boolean onlyAttached = in.bool("OnlyAttached", false);
    String usageFilter = in.string("PolicyUsageFilter");
    return ctx.store().read(tx -> {
      List<ManagedPolicy> policies = new ArrayList<>();
      if (!scope.equals("Local")) {
        catalog.get().all().stream().filter(p -> p.path().startsWith(prefix)).forEach(policies::add);
      }
      if (!scope.equals("AWS")) {
        policies.addAll(tx.policies().list(caller.accountId(), prefix));
      }
      policies.sort(Comparator.comparing((ManagedPolicy p) -> p.name().toLowerCase(Locale.ROOT))
          .thenComparing(ManagedPolicy::arn));
      Map<String, Integer> attached = tx.attachments().attachmentCounts(caller.accountId());
      Map<String, Integer> bounding = tx.attachments().boundaryUsageCounts(caller.accountId());
      List<ManagedPolicy> shown = policies;
      if (onlyAttached) {
        shown = policies.stream().filter(p -> inUse(p, usageFilter, attached, bounding)).toList();
      }
      return Page.of(shown, in).into(Struct.builder(), "Policies", p -> PolicyShapes.listed(p,
          new PolicyShapes.Usage(attached.getOrDefault(p.arn(), 0),
              bounding.getOrDefault(p.arn(), 0)))).build();
    });
  }

  private static boolean inUse(ManagedPolicy p, String usageFilter,
      Map<String, Integer> attached, Map<String, Integer> bounding) {
    boolean asPolicy = attached.containsKey(p.arn());
    boolean asBoundary = bounding.containsKey(p.arn());
    if ("PermissionsPolicy".equals(usageFilter)) {
      return asPolicy;
    }
    if ("PermissionsBoundary".equals(usageFilter)) {
      return asBoundary;
    }
    return asPolicy || asBoundary;
  }

  private Struct delete(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      ManagedPolicy policy = ManagedPolicies.require(tx, caller.accountId(),
          in.string("PolicyArn"));
      ManagedPolicies.requireCustomerManaged(caller, "DeletePolicy", policy);
      PolicyShapes.Usage usage = usage(tx, caller.accountId(), policy);
      if (usage.attachments() > 0 || usage.boundaries() > 0) {
        throw new AwsException(ErrorCode.DELETE_CONFLICT,
            "Cannot delete a policy attached to entities.");
      }
      if (tx.policies().versions(caller.accountId(), policy.policyId()).size() > 1) {
        throw new AwsException(ErrorCode.DELETE_CONFLICT, "This policy has more than one "
            + "version. Before you delete a policy, you must delete the policy's versions. "
            + "The default version is deleted with the policy.");
      }
      TAGS.deleteAll(tx, caller.accountId(), policy.policyId());
      tx.policies().delete(caller.accountId(), policy.policyId());
      return Struct.empty();
    });
  }

  /** The groups, users and roles using a policy; one page runs across the three lists. */
  private Struct entities(Caller caller, Struct in) {
    String filter = in.string("EntityFilter");
    String usageFilter = in.string("PolicyUsageFilter");
    String prefix = in.string("PathPrefix", "/");
    List<Identity> found = ctx.store().read(tx -> {
      ManagedPolicy policy = ManagedPolicies.require(tx, caller.accountId(),
          in.string("PolicyArn"));
      Set<Identity> all = new LinkedHashSet<>();
      if (!"PermissionsBoundary".equals(usageFilter)) {
        all.addAll(tx.attachments().attachedIdentities(caller.accountId(), policy.arn()));
      }
      if (!"PermissionsPolicy".equals(usageFilter)) {
        all.addAll(tx.attachments().boundaryHolders(caller.accountId(), policy.arn()));
      }
      return all.stream().filter(i -> filter == null || i.kind().title().equals(filter))
          .filter(i -> i.path().startsWith(prefix))
          .sorted(Comparator.comparing((Identity i) -> LISTED_ORDER.indexOf(i.kind()))
              .thenComparing(i -> i.name().toLowerCase(Locale.ROOT)))
          .toList();
    });
    Page<Identity> page = Page.of(found, in);
    return Struct.builder()
        .put("PolicyGroups", wire(page, PrincipalKind.GROUP))
        .put("PolicyUsers", wire(page, PrincipalKind.USER))
        .put("PolicyRoles", wire(page, PrincipalKind.ROLE))
        .put("IsTruncated", page.truncated()).put("Marker", page.nextMarker()).build();
  }

  private static List<Struct> wire(Page<Identity> page, PrincipalKind kind) {
    return page.items().stream().filter(i -> i.kind() == kind)
        .map(i -> Struct.of(kind.nameMember(), i.name(), kind.title() + "Id", i.id())).toList();
  }

  /** How many identities of the account use the policy. */
  private static PolicyShapes.Usage usage(StoreTx tx, String accountId, ManagedPolicy policy) {
    return new PolicyShapes.Usage(
        tx.attachments().attachedIdentities(accountId, policy.arn()).size(),
        tx.attachments().boundaryHolders(accountId, policy.arn()).size());
  }
}
