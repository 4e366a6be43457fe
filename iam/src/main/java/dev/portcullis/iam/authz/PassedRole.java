package dev.portcullis.iam.authz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An IAM operation that hands a role to an AWS service, and so also needs {@code iam:PassRole}
 * on that role: AddRoleToInstanceProfile ("The caller of this operation must be granted the
 * PassRole permission on the IAM role", IAM API Reference), whose role EC2 then uses.
 *
 * @param service the value of {@code iam:PassedToService}: the service principal the role goes to
 * @param associatedResource the value of {@code iam:AssociatedResourceArn}, with the caller's
 *     account for {@code ACCOUNT}
 */
record PassedRole(String service, String associatedResource) {
  /**
   * For AddRoleToInstanceProfile, AWS documents the associated resource as
   * {@code arn:aws:ec2:*:CallerAccountId:instance/*} (no Region or instance id: the instance is
   * not known yet); the role goes to EC2.
   */
  private static final Map<String, PassedRole> BY_OPERATION = Map.of(
      "AddRoleToInstanceProfile",
      new PassedRole("ec2.amazonaws.com", "arn:aws:ec2:*:ACCOUNT:instance/*"));

  /** The role an IAM operation passes, if it passes one. */
  static Optional<PassedRole> of(String service, String operation) {
    return service.equals("iam") ? Optional.ofNullable(BY_OPERATION.get(operation))
        : Optional.empty();
  }

  /** The condition keys of the iam:PassRole request, for a caller of {@code accountId}. */
  Map<String, List<String>> conditionKeys(String accountId) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    keys.put("iam:PassedToService", List.of(service));
    keys.put("iam:AssociatedResourceArn",
        List.of(associatedResource.replace("ACCOUNT", accountId)));
    return keys;
  }
}
