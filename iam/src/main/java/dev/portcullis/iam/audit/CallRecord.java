package dev.portcullis.iam.audit;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;

/**
 * Everything the core knows of one call when it ends, from which the trail makes its event.
 * Fields not reached are null: a call that failed authentication has an unknown identity and
 * no input; one that failed validation has no input; one that failed has no output.
 *
 * @param eventSource iam.amazonaws.com, sts.amazonaws.com, cloudtrail.amazonaws.com, ...
 * @param eventName the operation name as the caller asked for it
 * @param operation the model's operation, when the name was found (drives redaction and
 *     CloudTrail's camelCase of requestParameters and responseElements)
 * @param region the awsRegion of the event
 * @param recipientAccountId the account the call was made to
 * @param eventType AwsApiCall, or AwsConsoleSignIn for a console sign-in
 * @param signIn what a console sign-in's event adds; null for every other call
 */
public record CallRecord(RequestFacts facts, String eventSource, String eventName,
    Operation operation, String region, UserIdentity identity, String recipientAccountId,
    Struct input, Struct output, AwsException error, String eventType, ConsoleSignIn signIn) {

  /** The record of an API call. */
  public CallRecord(RequestFacts facts, String eventSource, String eventName,
      Operation operation, String region, UserIdentity identity, String recipientAccountId,
      Struct input, Struct output, AwsException error, String eventType) {
    this(facts, eventSource, eventName, operation, region, identity, recipientAccountId, input,
        output, error, eventType, null);
  }
}
