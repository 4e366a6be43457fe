package dev.portcullis.server;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.authz.AuthorizationMessages;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.sts.AuthorizationMessageOperations;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.audit.integrity.ListPublicKeysOperations;
import dev.portcullis.iam.audit.lookup.AuditLookup;
import dev.portcullis.iam.audit.lookup.LookupEventsOperations;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.credentials.AccessKeyOperations;
import dev.portcullis.iam.account.AccountOperations;
import dev.portcullis.iam.policies.AttachmentOperations;
import dev.portcullis.iam.sts.CallerIdentityOperations;
import dev.portcullis.iam.identities.GroupOperations;
import dev.portcullis.iam.policies.InlinePolicyOperations;
import dev.portcullis.iam.identities.InstanceProfileOperations;
import dev.portcullis.iam.credentials.KeyUsage;
import dev.portcullis.iam.credentials.LoginProfileOperations;
import dev.portcullis.iam.policies.ManagedPolicyOperations;
import dev.portcullis.iam.credentials.MfaDeviceOperations;
import dev.portcullis.iam.account.PasswordPolicyOperations;
import dev.portcullis.iam.policies.PolicyVersionOperations;
import dev.portcullis.iam.identities.RoleOperations;
import dev.portcullis.iam.simulation.SimulationOperations;
import dev.portcullis.iam.identities.UserOperations;
import dev.portcullis.iam.tagging.TagOperations;
import dev.portcullis.iam.sts.AccessKeyInfoOperations;
import dev.portcullis.iam.sts.AssumeRoleOperations;
import dev.portcullis.iam.mfa.MfaCodeCheck;
import dev.portcullis.iam.sts.SessionIssuer;
import dev.portcullis.iam.sts.SessionTokenOperations;

/** Which operation families make up each service. */
final class Services {
  private Services() {}

  static OperationRegistry iamOperations(IamContext ctx, KeyUsage usage,
      PolicyLibrary library) {
    OperationRegistry r = new OperationRegistry();
    new UserOperations(ctx).registerInto(r);
    new AccessKeyOperations(ctx, usage).registerInto(r);
    new GroupOperations(ctx).registerInto(r);
    new LoginProfileOperations(ctx).registerInto(r);
    new PasswordPolicyOperations(ctx).registerInto(r);
    new AccountOperations(ctx).registerInto(r);
    new RoleOperations(ctx).registerInto(r);
    new InstanceProfileOperations(ctx).registerInto(r);
    new ManagedPolicyOperations(ctx, ManagedPolicyCatalog::bundled).registerInto(r);
    new PolicyVersionOperations(ctx, ManagedPolicyCatalog::bundled).registerInto(r);
    new AttachmentOperations(ctx).registerInto(r);
    new InlinePolicyOperations(ctx).registerInto(r);
    new MfaDeviceOperations(ctx).registerInto(r);
    new TagOperations(ctx).registerInto(r);
    new SimulationOperations(ctx, library).registerInto(r);
    return r;
  }

  static OperationRegistry stsOperations(IamContext ctx, AuthorizationMessages messages,
      SessionIssuer issuer, MfaCodeCheck mfa) {
    OperationRegistry r = new OperationRegistry();
    new CallerIdentityOperations().registerInto(r);
    new AuthorizationMessageOperations(messages).registerInto(r);
    new SessionTokenOperations(ctx, issuer, mfa).registerInto(r);
    new AssumeRoleOperations(ctx, issuer, mfa).registerInto(r);
    new AccessKeyInfoOperations(ctx).registerInto(r);
    return r;
  }

  /**
   * CloudTrail: LookupEvents over the audit trail, ListPublicKeys over its digest signing keys
   * (their public halves, by validity period).
   */
  static OperationRegistry cloudtrailOperations(AuditLookup trail,
      ListPublicKeysOperations.Keys signingKeys) {
    OperationRegistry r = new OperationRegistry();
    new LookupEventsOperations(trail).registerInto(r);
    new ListPublicKeysOperations(signingKeys).registerInto(r);
    return r;
  }
}
