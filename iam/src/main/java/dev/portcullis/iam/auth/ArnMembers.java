package dev.portcullis.iam.auth;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose ARN member is not an ARN at all, before it is authorized, as AWS
 * orders it: a malformed PolicyArn (AttachUserPolicy, DetachRolePolicy, GetPolicy, ...) or
 * RoleArn (AssumeRole, ...) is a ValidationError "Invalid ARN:  Could not be parsed!" (AWS's
 * wording, two spaces included, as IAM returns it to CloudFormation's AWS::IAM::ManagedPolicy
 * handler) for every caller, even one who would be denied.
 */
public final class ArnMembers {
  /** The members holding an ARN, by signing name. */
  private static final Map<String, List<String>> MEMBERS = Map.of(
      "iam", List.of("PolicyArn"),
      "sts", List.of("RoleArn"));

  private ArnMembers() {}

  /** Throws ValidationError when one of the request's ARN members cannot be parsed. */
  public static void requireParsable(String service, Struct input) {
    // Serves every operation: a member the operation lacks is just absent.
    Struct any = input.anyMember();
    for (String member : MEMBERS.getOrDefault(service, List.of())) {
      String value = any.string(member);
      if (value != null && !parsable(value)) {
        throw new AwsException(ErrorCode.VALIDATION_ERROR, "Invalid ARN:  Could not be parsed!");
      }
    }
  }

  /**
   * Whether {@code arn} has the six fields of an ARN: {@code arn}, a partition, a service, a
   * region and an account (either may be empty), and a resource.
   */
  static boolean parsable(String arn) {
    String[] f = arn.split(":", 6);
    return f.length == 6 && f[0].equals("arn") && !f[1].isEmpty() && !f[2].isEmpty()
        && !f[5].isEmpty();
  }
}
