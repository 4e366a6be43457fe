package dev.portcullis.server;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.authz.AuthorizationMessages;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.ops.AuthorizationMessageOperations;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.ops.AccessKeyOperations;
import dev.portcullis.iam.ops.AccountOperations;
import dev.portcullis.iam.ops.AttachmentOperations;
import dev.portcullis.iam.ops.CallerIdentityOperations;
import dev.portcullis.iam.ops.GroupOperations;
import dev.portcullis.iam.ops.InlinePolicyOperations;
import dev.portcullis.iam.ops.InstanceProfileOperations;
import dev.portcullis.iam.ops.KeyUsage;
import dev.portcullis.iam.ops.LoginProfileOperations;
import dev.portcullis.iam.ops.ManagedPolicyOperations;
import dev.portcullis.iam.ops.MfaDeviceOperations;
import dev.portcullis.iam.ops.PasswordPolicyOperations;
import dev.portcullis.iam.ops.PolicyVersionOperations;
import dev.portcullis.iam.ops.RoleOperations;
import dev.portcullis.iam.ops.SimulationOperations;
import dev.portcullis.iam.ops.TagOperations;
import dev.portcullis.iam.ops.UserOperations;
import dev.portcullis.iam.sts.AccessKeyInfoOperations;
import dev.portcullis.iam.sts.AssumeRoleOperations;
import dev.portcullis.iam.sts.MfaCodeCheck;
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
}
