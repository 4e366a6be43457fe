package dev.portcullis.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks AWS makes on each Resource and NotResource value. The rules follow AWS's answers to
 * CreatePolicy as recorded in the malformed-policy corpus ({@code malformed-corpus/*.json}), which
 * cites each one.
 */
final class ResourceFormat {
  /**
   * The partitions a resource may name: Portcullis's accounts live in {@code aws}, and AWS refuses
   * another partition's ARNs in a policy (an account in China answers {@code Partition "aws" is not
   * valid for resource "arn:aws:logs:*:*:*".}, aws/chalice#777; GovCloud likewise,
   * aws/copilot-cli#2563). AWS managed policies use {@code arn:*:} (145 resources), so {@code *}
   * is valid.
   */
  private static final Set<String> PARTITIONS = Set.of("aws", "*");

  /** What the resource part of an IAM ARN may be, besides {@code *} and {@code root}. */
  private static final List<String> IAM_RESOURCE_PREFIXES =
      List.of(
          "user/",
          "federated-user/",
          "role/",
          "group/",
          "instance-profile/",
          "mfa/",
          "server-certificate/",
          "policy/",
          "sms-mfa/",
          "saml-provider/",
          "oidc-provider/",
          "report/",
          "access-report/");

  /**
   * The S3 resource types whose ARNs carry a region and an account, from the Service Authorization
   * Reference
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html):
   * access points (and objects through them), Access Grants, Batch Operations jobs, Storage Lens
   * configurations and groups, and Multi-Region Access Point requests.
   */
  private static final List<String> S3_REGIONAL_RESOURCES =
      List.of(
          "accesspoint/",
          "access-grants/",
          "job/",
          "storage-lens/",
          "storage-lens-group/",
          "async-request/");

  private static final int ARN_FIELDS = 6;

  private ResourceFormat() {}

  /**
   * The AWS message for what is wrong with {@code resource}, if anything. AWS does not check the
   * text before the first colon: {@code a:b} is reported as an ARN in partition {@code b}.
   */
  static Optional<String> problem(String resource) {
    if (resource.equals("*")) {
      return Optional.empty();
    }
    String[] parts = fields(resource);
    if (parts.length < 2) {
      return Optional.of(PolicyErrors.resourceNotArn(resource));
    }
    String partition = parts[1];
    if (!PARTITIONS.contains(partition)) {
      return Optional.of(PolicyErrors.invalidPartition(partition, completed(parts)));
    }
    if (parts.length < 3) {
      return Optional.of(PolicyErrors.RESOURCE_VENDOR_NOT_QUALIFIED);
    }
    String service = parts[2];
    boolean hasRegion = parts.length > 3 && !parts[3].isEmpty();
    boolean hasAccount = parts.length > 4 && !parts[4].isEmpty();
    if (hasRegion && service.equals("iam")) {
      return Optional.of(PolicyErrors.iamResourceWithRegion(resource));
    }
    if (hasRegion && service.equals("s3") && !(hasAccount && isRegionalS3Resource(parts))) {
      return Optional.of(PolicyErrors.s3ResourceWithRegion(resource));
    }
    if (service.equals("iam") && !isIamResourcePath(resourcePart(parts))) {
      return Optional.of(PolicyErrors.IAM_RESOURCE_PATH);
    }
    return Optional.empty();
  }

  /**
   * Whether IAM's legacy parser rejects {@code resource}, which has no {@link #problem}: an ARN
   * with an empty service, or with fewer than six fields of which two are empty neighbours ({@code
   * arn:aws:s3::bucket}).
   */
  static boolean failsLegacyParsing(String resource) {
    if (resource.equals("*")) {
      return false;
    }
    String[] parts = fields(resource);
    if (parts.length >= 3 && parts[2].isEmpty()) {
      return true;
    }
    return parts.length < ARN_FIELDS && resource.contains("::");
  }

  /**
   * Whether an S3 ARN with an account names one of the S3 resources that live in a region, or is
   * a pattern starting with a wildcard that can match them. Buckets and objects have neither
   * region nor account, and AWS refuses a region on anything else (aws-cdk#22445 quotes its answer
   * for {@code arn:aws:s3:us-west-2:123456789:test/athena}).
   */
  private static boolean isRegionalS3Resource(String[] parts) {
    String resource = resourcePart(parts);
    return resource.startsWith("*")
        || S3_REGIONAL_RESOURCES.stream().anyMatch(resource::startsWith);
  }

  /**
   * The colon-separated fields of {@code resource}; a colon inside a policy variable such as {@code
   * ${aws:PrincipalAccount}} separates nothing.
   */
  private static String[] fields(String resource) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    int depth = 0;
    for (int i = 0; i < resource.length(); i++) {
      char c = resource.charAt(i);
      if (c == '$' && resource.startsWith("{", i + 1)) {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ':' && depth == 0) {
        fields.add(resource.substring(start, i));
        start = i + 1;
      }
    }
    fields.add(resource.substring(start));
    return fields.toArray(new String[0]);
  }

  private static boolean isIamResourcePath(String path) {
    if (path.equals("*") || path.equals("root")) {
      return true;
    }
    return IAM_RESOURCE_PREFIXES.stream().anyMatch(path::startsWith);
  }

  /** The sixth field and everything after it; empty when the ARN is shorter. */
  private static String resourcePart(String[] parts) {
    if (parts.length < ARN_FIELDS) {
      return "";
    }
    return String.join(":", Arrays.copyOfRange(parts, ARN_FIELDS - 1, parts.length));
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
