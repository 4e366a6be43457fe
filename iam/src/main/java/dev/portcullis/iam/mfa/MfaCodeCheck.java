package dev.portcullis.iam.mfa;

import dev.portcullis.iam.Caller;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.time.Instant;

/** Proves a caller's MFA code (SerialNumber + TokenCode of GetSessionToken and AssumeRole). */
@FunctionalInterface
public interface MfaCodeCheck {
  /**
   * Returns when MFA was proved (now, for a valid code); throws AccessDenied when the device is
   * not the caller's or the code is wrong. {@code tokenCode} may be null (not sent).
   */
  Instant verify(Caller caller, String serialNumber, String tokenCode);

  /** While no MFA devices exist, no code can be proved. */
  MfaCodeCheck NO_DEVICES = (caller, serialNumber, tokenCode) -> {
    throw new AwsException(ErrorCode.ACCESS_DENIED,
        "MultiFactorAuthentication failed, unable to validate MFA code.");
  };
}
