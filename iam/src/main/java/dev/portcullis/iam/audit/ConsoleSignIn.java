package dev.portcullis.iam.audit;

/**
 * What a console sign-in's event adds to a call record, as CloudTrail writes ConsoleLogin
 * (CloudTrail User Guide, "AWS Management Console sign-in events",
 * docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html):
 * responseElements {"ConsoleLogin": "Success"|"Failure"} (keyed by the event's name: root's
 * password change is PasswordUpdated), additionalEventData with LoginTo,
 * MobileVersion and MFAUsed, and on failure errorMessage "Failed authentication" (no
 * errorCode).
 *
 * @param loginTo the console address the person was signing in to
 * @param reason why a sign-in failed, in Portcullis's words (additionalEventData.Reason); null
 *     on success
 * @param mfaIdentifier the serial number of the MFA device that proved the sign-in
 *     (additionalEventData.MFAIdentifier, as the CloudTrail User Guide's ConsoleLogin examples
 *     show it: its mfa/ or u2f/ ARN names the kind, a virtual device or a passkey); else null
 */
public record ConsoleSignIn(boolean success, boolean mfaUsed, String loginTo, String reason,
    String mfaIdentifier) {
  /** CloudTrail's errorMessage of every failed console sign-in, whatever the cause. */
  public static final String FAILED = "Failed authentication";

  public ConsoleSignIn(boolean success, boolean mfaUsed, String loginTo, String reason) {
    this(success, mfaUsed, loginTo, reason, null);
  }
}
