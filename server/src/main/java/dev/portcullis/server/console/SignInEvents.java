package dev.portcullis.server.console;

import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.ConsoleSignIn;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.UserIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every console sign-in attempt in the audit trail as CloudTrail records one: event
 * type AwsConsoleSignIn, source signin.amazonaws.com, name ConsoleLogin (see {@link
 * ConsoleSignIn} for the fields and the CloudTrail User Guide page they follow).
 */
final class SignInEvents {
  static final String SOURCE = "signin.amazonaws.com";
  static final String EVENT = "ConsoleLogin";
  static final String TYPE = "AwsConsoleSignIn";
  private static final Logger LOG = LoggerFactory.getLogger(SignInEvents.class);
  private final AuditTrail trail;

  SignInEvents(AuditTrail trail) {
    this.trail = trail;
  }

  /** A successful sign-in; {@code mfaSerial} is the device that proved it, or null. */
  void succeeded(RequestFacts facts, UserIdentity who, String accountId, String mfaSerial,
      String loginTo) {
    record(facts, who, accountId, new ConsoleSignIn(true, mfaSerial != null, loginTo, null,
        mfaSerial));
  }

  void failed(RequestFacts facts, UserIdentity who, String accountId, boolean mfaUsed,
      String loginTo, String reason) {
    record(facts, who, accountId, new ConsoleSignIn(false, mfaUsed, loginTo, reason));
  }

  /** The root user changed its password in the console (CloudTrail's PasswordUpdated). */
  void rootPasswordUpdated(RequestFacts facts, UserIdentity who, String accountId,
      boolean success, String reason) {
    record(facts, who, accountId, "PasswordUpdated", new ConsoleSignIn(success, false,
        "/console/", reason));
  }

  private void record(RequestFacts facts, UserIdentity who, String accountId,
      ConsoleSignIn signIn) {
    record(facts, who, accountId, EVENT, signIn);
  }

  private void record(RequestFacts facts, UserIdentity who, String accountId, String event,
      ConsoleSignIn signIn) {
    try {
      // CloudTrail records console sign-ins in us-east-1 when no Region endpoint was used.
      trail.record(new CallRecord(facts, SOURCE, event, null, "us-east-1", who, accountId, null,
          null, null, TYPE, signIn));
    } catch (RuntimeException e) {
      LOG.error("request {}: its sign-in event could not be recorded: {}", facts.requestId(),
          e.toString());
    }
  }
}
