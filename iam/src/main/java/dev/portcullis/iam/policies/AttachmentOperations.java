package dev.portcullis.iam.policies;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.catalog.ManagedPolicies;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.Identity;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.identities.Identities;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;

/**
 * Attach, Detach and ListAttached{User,Group,Role}Policies: one implementation serves the three
 * kinds of identity.
 */
public final class AttachmentOperations {
  /** Where AWS keeps the policies of service-linked roles, which nothing else may attach. */
  private static final String SERVICE_ROLE_PATH = "/aws-service-role/";
  private final IamContext ctx;

  public AttachmentOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    for (PrincipalKind kind : PrincipalKind.values()) {
      r.register("Attach" + kind.title() + "Policy", (caller, in) -> attach(kind, caller, in))
          .register("Detach" + kind.title() + "Policy", (caller, in) -> detach(kind, caller, in))
          .register("ListAttached" + kind.title() + "Policies",
              (caller, in) -> list(kind, caller, in));
    }
  }

  private Struct attach(PrincipalKind kind, Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      Identity identity = Identities.require(tx, caller.accountId(), kind,
          in.string(kind.nameMember()));
      ManagedPolicy policy = ManagedPolicies.requireAttachable(tx, caller.accountId(),
          in.string("PolicyArn"));
      if (policy.awsManaged() && policy.path().equals(SERVICE_ROLE_PATH)) {
        throw new AwsException(ErrorCode.POLICY_NOT_ATTACHABLE,
            "Cannot attach a Service Role Policy to a Customer Role.");
      }
      List<String> attached = tx.attachments().attachedPolicies(kind, identity.id());
      if (attached.contains(policy.arn())) {
        return Struct.empty();
      }
      if (attached.size() >= PrincipalKind.MAX_ATTACHED_POLICIES) {
        throw AwsException.of(ErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for %s: %d",
            kind.attachedQuotaName(), PrincipalKind.MAX_ATTACHED_POLICIES);
      }
      tx.attachments().attach(caller.accountId(), kind, identity.id(), policy.arn(),
          ctx.clock().instant());
      return Struct.empty();
    });
  }

  private Struct detach(PrincipalKind kind, Caller caller, Struct in) {
    String arn = in.string("PolicyArn");
    return ctx.store().write(tx -> {
      Identity identity = Identities.require(tx, caller.accountId(), kind,
          in.string(kind.nameMember()));
      // Attachments hold the policy's own ARN; a deleted policy can no longer be attached.
      String attachedArn = ManagedPolicies.find(tx, caller.accountId(), arn)
          .map(ManagedPolicy::arn).orElse(arn);
      if (!tx.attachments().detach(kind, identity.id(), attachedArn)) {
        throw AwsException.of(ErrorCode.NO_SUCH_ENTITY, "Policy %s was not found.", arn);
      }
      return Struct.empty();
    });
  }

  private Struct list(PrincipalKind kind, Caller caller, Struct in) {
    String prefix = in.string("PathPrefix", "/");
    List<Arn.Parts> attached = ctx.store().read(tx -> {
      Identity identity = Identities.require(tx, caller.accountId(), kind,
          in.string(kind.nameMember()));
      return tx.attachments().attachedPolicies(kind, identity.id()).stream()
          .map(arn -> Arn.parse(arn).orElseThrow())
          .filter(p -> p.path().startsWith(prefix)).toList();
    });
    return Page.of(attached, in).into(Struct.builder(), "AttachedPolicies",
        p -> Struct.of("PolicyName", p.name(), "PolicyArn",
            Arn.of(p.accountId(), p.type(), p.path(), p.name()))).build();
  }
}
