package dev.portcullis.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The checks AWS makes on each Resource and NotResource value. */
final class ResourceFormat {
  private static final Set<String> PARTITIONS =
      Set.of(
          "aws",
          "aws-cn",
          "aws-us-gov",
          "aws-iso",
          "aws-iso-b",
          "aws-iso-e",
          "aws-iso-f",
          "aws-eusc",
          "*");

  private ResourceFormat() {}

  /** The AWS message for what is wrong with {@code resource}, if anything. */
  static Optional<String> problem(String resource) {
    if (resource.equals("*")) {
      return Optional.empty();
    }
    String[] parts = resource.split(":", -1);
    if (parts.length < 2 || !parts[0].equals("arn")) {
      return Optional.of(PolicyErrors.resourceNotArn(resource));
    }
    String partition = parts[1];
    if (!PARTITIONS.contains(partition)) {
      return Optional.of(PolicyErrors.invalidPartition(partition, completed(parts)));
    }
    if (parts.length < 3 || parts[2].isEmpty()) {
      return Optional.of(PolicyErrors.RESOURCE_VENDOR_NOT_QUALIFIED);
    }
    boolean hasRegion = parts.length > 3 && !parts[3].isEmpty();
    if (hasRegion && parts[2].equals("iam")) {
      return Optional.of(PolicyErrors.iamResourceWithRegion(resource));
    }
    if (hasRegion && parts[2].equals("s3")) {
      return Optional.of(PolicyErrors.s3ResourceWithRegion(resource));
    }
    return Optional.empty();
  }

  /**
   * The resource as AWS quotes it in a partition error: the parts after the partition as written,
   * with the ones missing altogether read as {@code *}.
   */
  private static String completed(String[] parts) {
    int present = parts.length - 2;
    String service = present > 1 || (present == 1 && !parts[2].isEmpty()) ? parts[2] : "*";
    String region = present > 1 ? parts[3] : "*";
    String account = present > 2 ? parts[4] : "*";
    String rest = present > 3 ? String.join(":", Arrays.copyOfRange(parts, 5, parts.length)) : "*";
    return String.join(":", "arn", parts[1], service, region, account, rest);
  }
}
