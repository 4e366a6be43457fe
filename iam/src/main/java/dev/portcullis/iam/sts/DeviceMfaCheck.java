package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.mfa.MfaDevices;
import java.time.Instant;

/**
 * Proves MFA with the caller's own enabled MFA device: the IAM user of long-term keys or of
 * GetSessionToken credentials. Role and federated sessions have no devices of their own.
 */
public final class DeviceMfaCheck implements MfaCodeCheck {
  private final IamContext ctx;

  public DeviceMfaCheck(IamContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Instant verify(Caller caller, String serialNumber, String tokenCode) {
    StsSession session = caller.session();
    String userId = session == null ? caller.userId()
        : session.type() == StsSession.Type.SESSION_TOKEN ? session.entityId() : null;
    if (userId != null && !caller.root()
        && MfaDevices.verifyCode(ctx, caller.accountId(), userId, serialNumber, tokenCode)) {
      return ctx.clock().instant();
    }
    return NO_DEVICES.verify(caller, serialNumber, tokenCode);
  }
}
