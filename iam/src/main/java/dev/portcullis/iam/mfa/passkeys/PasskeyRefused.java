package dev.portcullis.iam.mfa.passkeys;

/**
 * A passkey ceremony that failed, and why. The message is safe to show the person signing in:
 * it names the check that failed, never key material.
 */
public final class PasskeyRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The check a passkey response failed. */
  public enum Reason {
    MALFORMED("The passkey response could not be read."),
    CHALLENGE("The passkey response does not answer this request's challenge."),
    ORIGIN("The passkey response comes from another web origin than this console."),
    RP_ID("The passkey was made for another site (relying party id)."),
    USER_PRESENCE("The authenticator did not confirm that a person was present."),
    SIGNATURE("The passkey's signature is not valid."),
    ALGORITHM("The passkey uses a signature algorithm this console does not accept."),
    ALREADY_REGISTERED("This passkey is already registered."),
    UNKNOWN_CREDENTIAL("This passkey is not registered for this user."),
    POSSIBLE_CLONE("The passkey's signature counter did not increase: the authenticator may "
        + "have been cloned, so the sign-in was refused. Remove this passkey and register it "
        + "again if you still trust the device."),
    CONCURRENT_USE("The passkey was used by another sign-in at the same moment; try again."),
    INVALID_NAME("A passkey name is 1 to 128 letters, digits and the characters + = , . @ _ -."),
    REFUSED("The passkey response was refused.");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  private final Reason reason;

  public PasskeyRefused(Reason reason) {
    super(reason.message(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
