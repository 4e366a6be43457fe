package dev.portcullis.iam.policies;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.catalog.ManagedPolicies;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import java.util.function.Supplier;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;

/**
 * CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion and
 * SetDefaultPolicyVersion. An AWS managed policy shows its default version only.
 */
public final class PolicyVersionOperations {
  /** AWS's quota of versions kept per managed policy. */
  public static final int MAX_VERSIONS = 5;
  private final IamContext ctx;
  private final Supplier<ManagedPolicyCatalog> catalog;

  public PolicyVersionOperations(IamContext ctx, Supplier<ManagedPolicyCatalog> catalog) {
    this.ctx = ctx;
    this.catalog = catalog;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreatePolicyVersion", this::create)
        .register("GetPolicyVersion", this::get)
        .register("ListPolicyVersions", this::list)
        .register("DeletePolicyVersion", this::delete)
        .register("SetDefaultPolicyVersion", this::setDefault);
  }

  private Struct create(Caller caller, Struct in) {
    String document = in.string("PolicyDocument");
    boolean setAsDefault = in.bool("SetAsDefault", false);
    PolicyDocuments.validateManagedPolicy(document);
    return ctx.store().write(tx -> {
      ManagedPolicy policy = customerPolicy(tx, caller, in, "CreatePolicyVersion");
      if (tx.policies().versions(caller.accountId(), policy.policyId()).size()
          >= MAX_VERSIONS) {
        throw AwsException.of(ErrorCode.LIMIT_EXCEEDED, "A managed policy can have up to %d "
            + "versions. Before you create a new version, you must delete an existing version.",
            MAX_VERSIONS);
      }
      String versionId = tx.policies().allocateVersionId(caller.accountId(), policy.policyId());
      PolicyVersion version = new PolicyVersion(policy.policyId(), versionId, document,
          setAsDefault, ctx.clock().instant());
      tx.policies().insertVersion(caller.accountId(), version);
      if (setAsDefault) {
        tx.policies().setDefaultVersion(caller.accountId(), policy.policyId(), versionId);
      }
      return Struct.of("PolicyVersion", PolicyShapes.version(version, false));
    });
  }

  private Struct get(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      ManagedPolicy policy = ManagedPolicies.require(tx, caller.accountId(),
          in.string("PolicyArn"));
      return Struct.of("PolicyVersion", PolicyShapes.version(
          requireVersion(tx, policy, in.string("VersionId")), true));
    });
  }

  private Struct list(Caller caller, Struct in) {
    List<PolicyVersion> versions = ctx.store().read(tx -> versions(tx,
        ManagedPolicies.require(tx, caller.accountId(), in.string("PolicyArn"))));
    return Page.of(versions, in).into(Struct.builder(), "Versions",
        v -> PolicyShapes.version(v, false)).build();
  }

  private Struct delete(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      ManagedPolicy policy = customerPolicy(tx, caller, in, "DeletePolicyVersion");
      PolicyVersion version = requireVersion(tx, policy, in.string("VersionId"));
      if (version.isDefault()) {
        throw new AwsException(ErrorCode.DELETE_CONFLICT,
            "Cannot delete the default version of a policy.");
      }
      tx.policies().deleteVersion(caller.accountId(), policy.policyId(), version.versionId());
      return Struct.empty();
    });
  }

  private Struct setDefault(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      ManagedPolicy policy = customerPolicy(tx, caller, in, "SetDefaultPolicyVersion");
      PolicyVersion version = requireVersion(tx, policy, in.string("VersionId"));
      tx.policies().setDefaultVersion(caller.accountId(), policy.policyId(),
          version.versionId());
      return Struct.empty();
    });
  }

  private static ManagedPolicy customerPolicy(StoreTx tx, Caller caller, Struct in,
      String operation) {
    ManagedPolicy policy = ManagedPolicies.require(tx, caller.accountId(),
        in.string("PolicyArn"));
    ManagedPolicies.requireCustomerManaged(caller, operation, policy);
    return policy;
  }

  private List<PolicyVersion> versions(StoreTx tx, ManagedPolicy policy) {
    return policy.awsManaged() ? catalog.get().defaultVersion(policy.arn()).stream().toList()
        : tx.policies().versions(policy.accountId(), policy.policyId());
  }

  private PolicyVersion requireVersion(StoreTx tx, ManagedPolicy policy, String versionId) {
    return (policy.awsManaged()
        ? catalog.get().defaultVersion(policy.arn()).filter(v -> v.versionId().equals(versionId))
        : tx.policies().version(policy.accountId(), policy.policyId(), versionId))
        .orElseThrow(() -> AwsException.of(ErrorCode.NO_SUCH_ENTITY,
            "Policy %s version %s does not exist or is not attachable.", policy.arn(),
            versionId));
  }
}
