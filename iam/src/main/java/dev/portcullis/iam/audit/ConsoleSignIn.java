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
 */
public record ConsoleSignIn(boolean success, boolean mfaUsed, String loginTo, String reason) {
  /** CloudTrail's errorMessage of every failed console sign-in, whatever the cause. */
  public static final String FAILED = "Failed authentication";
}
