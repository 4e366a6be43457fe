package dev.portcullis.iam.policies;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.domain.Identity;
import dev.portcullis.iam.domain.InlinePolicy;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.identities.Identities;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;

/**
 * Put, Get, List and Delete{User,Group,Role}Policy: inline policies, one implementation for the
 * three kinds of identity.
 */
public final class InlinePolicyOperations {
  private final IamContext ctx;

  public InlinePolicyOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    for (PrincipalKind kind : PrincipalKind.values()) {
      String title = kind.title();
      r.register("Put" + title + "Policy", (caller, in) -> put(kind, caller, in))
          .register("Get" + title + "Policy", (caller, in) -> get(kind, caller, in))
          .register("List" + title + "Policies", (caller, in) -> list(kind, caller, in))
          .register("Delete" + title + "Policy", (caller, in) -> delete(kind, caller, in));
    }
  }

  private Struct put(PrincipalKind kind, Caller caller, Struct in) {
    InlinePolicy policy = new InlinePolicy(in.string("PolicyName"),
        in.string("PolicyDocument"));
    PolicyDocuments.validateIdentityPolicy(policy.document());
    return ctx.store().write(tx -> {
      Identity identity = Identities.require(tx, caller.accountId(), kind,
          in.string(kind.nameMember()));
      // The quota bounds all the identity's inline policies together, the new one included.
      int total = PolicyDocuments.size(policy.document());
      for (InlinePolicy other : tx.inlinePolicies().list(kind, identity.id())) {
        if (!other.name().equals(policy.name())) {
          total += PolicyDocuments.size(other.document());
        }
      }
      PolicyDocuments.requireInlineQuota(kind, identity.name(), total);
      tx.inlinePolicies().put(caller.accountId(), kind, identity.id(), policy);
      return Struct.empty();
    });
  }

  private Struct get(PrincipalKind kind, Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      Identity identity = Identities.require(tx, caller.accountId(), kind,
          in.string(kind.nameMember()));
      String name = in.string("PolicyName");
      InlinePolicy policy = tx.inlinePolicies().find(kind, identity.id(), name)
          .orElseThrow(() -> notFound(kind, name));
      return Struct.of(kind.nameMember(), identity.name(), "PolicyName", policy.name(),
          "PolicyDocument", policy.document());
    });
  }

  private Struct list(PrincipalKind kind, Caller caller, Struct in) {
    List<String> names = ctx.store().read(tx -> {
      Identity identity = Identities.require(tx, caller.accountId(), kind,
          in.string(kind.nameMember()));
      return tx.inlinePolicies().list(kind, identity.id()).stream().map(InlinePolicy::name)
          .toList();
    });
    return Page.of(names, in).into(Struct.builder(), "PolicyNames", n -> n).build();
  }

  private Struct delete(PrincipalKind kind, Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      Identity identity = Identities.require(tx, caller.accountId(), kind,
          in.string(kind.nameMember()));
      String name = in.string("PolicyName");
      if (!tx.inlinePolicies().delete(kind, identity.id(), name)) {
        throw notFound(kind, name);
      }
      return Struct.empty();
    });
  }

  private static AwsException notFound(PrincipalKind kind, String name) {
    return AwsException.of(ErrorCode.NO_SUCH_ENTITY, "The %s policy with name %s cannot be "
        + "found.", kind.word(), name);
  }
}
