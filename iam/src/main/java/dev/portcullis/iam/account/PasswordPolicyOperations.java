package dev.portcullis.iam.account;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;

/** UpdateAccountPasswordPolicy, GetAccountPasswordPolicy and DeleteAccountPasswordPolicy. */
public final class PasswordPolicyOperations {
  private final IamContext ctx;

  public PasswordPolicyOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("UpdateAccountPasswordPolicy", this::update)
        .register("GetAccountPasswordPolicy", this::get)
        .register("DeleteAccountPasswordPolicy", this::delete);
  }

  /** Not a partial update: as in AWS, every member left out reverts to its default. */
  private Struct update(Caller caller, Struct in) {
    PasswordPolicy policy = new PasswordPolicy(
        in.integer("MinimumPasswordLength", PasswordPolicy.DEFAULT_MINIMUM_LENGTH),
        in.bool("RequireSymbols", false), in.bool("RequireNumbers", false),
        in.bool("RequireUppercaseCharacters", false), in.bool("RequireLowercaseCharacters", false),
        in.bool("AllowUsersToChangePassword", false), in.integer("MaxPasswordAge", 0),
        in.integer("PasswordReusePrevention", 0), in.bool("HardExpiry", false));
    return ctx.store().write(tx -> {
      tx.passwordPolicies().put(caller.accountId(), policy);
      return Struct.empty();
    });
  }

  private Struct get(Caller caller, Struct in) {
    PasswordPolicy p = ctx.store().read(tx -> tx.passwordPolicies().find(caller.accountId()))
        .orElseThrow(() -> notFound(caller));
    return Struct.of("PasswordPolicy", Struct.builder()
        .put("MinimumPasswordLength", p.minimumLength())
        .put("RequireSymbols", p.requireSymbols())
        .put("RequireNumbers", p.requireNumbers())
        .put("RequireUppercaseCharacters", p.requireUppercase())
        .put("RequireLowercaseCharacters", p.requireLowercase())
        .put("AllowUsersToChangePassword", p.allowUsersToChangePassword())
        .put("ExpirePasswords", p.expirePasswords())
        .put("MaxPasswordAge", p.maxPasswordAge() > 0 ? p.maxPasswordAge() : null)
        .put("PasswordReusePrevention", p.reusePrevention() > 0 ? p.reusePrevention() : null)
        .put("HardExpiry", p.hardExpiry())
        .build());
  }

  private Struct delete(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      if (!tx.passwordPolicies().delete(caller.accountId())) {
        throw notFound(caller);
      }
      return Struct.empty();
    });
  }

  private static AwsException notFound(Caller caller) {
    return AwsException.of(ErrorCode.NO_SUCH_ENTITY,
        "The Password Policy with domain name %s cannot be found.", caller.accountId());
  }
}
