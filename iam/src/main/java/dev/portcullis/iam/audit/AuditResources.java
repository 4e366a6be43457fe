package dev.portcullis.iam.audit;

import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.protocol.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The resources and user name LookupEvents reports for an event, read from the call's data:
 * each input member that names a resource, by its name (UserName is an AWS::IAM::User, RoleArn
 * an AWS::IAM::Role, ...), not by operation.
 */
final class AuditResources {
  /** Input member to LookupEvents resource type. */
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("UserName", "AWS::IAM::User"),
      Map.entry("RoleName", "AWS::IAM::Role"),
      Map.entry("RoleArn", "AWS::IAM::Role"),
      Map.entry("GroupName", "AWS::IAM::Group"),
      Map.entry("PolicyArn", "AWS::IAM::Policy"),
      Map.entry("PermissionsBoundary", "AWS::IAM::Policy"),
      Map.entry("InstanceProfileName", "AWS::IAM::InstanceProfile"),
      Map.entry("AccessKeyId", "AWS::IAM::AccessKey"),
      Map.entry("SerialNumber", "AWS::IAM::VirtualMFADevice"),
      Map.entry("VirtualMFADeviceName", "AWS::IAM::VirtualMFADevice"),
      Map.entry("SAMLProviderArn", "AWS::IAM::SAMLProvider"),
      Map.entry("OpenIDConnectProviderArn", "AWS::IAM::OIDCProvider"),
      Map.entry("ServerCertificateName", "AWS::IAM::ServerCertificate"),
      Map.entry("RoleSessionName", "AWS::STS::AssumedRole"));

  /** {@link #TYPES} by the camelCase names a record's requestParameters use. */
  private static final Map<String, String> TYPES_BY_RECORD_NAME = TYPES.entrySet().stream()
      .collect(Collectors.toUnmodifiableMap(e -> ShapeJson.camel(e.getKey()),
          Map.Entry::getValue));

  /** Output structures whose AccessKeyId is the key the call created or issued. */
  private static final List<String> ISSUED_KEYS = List.of("AccessKey", "Credentials");

  private AuditResources() {}

  static List<AuditEvent.Resource> of(Struct input, Struct output) {
    return of(input == null ? Map.of() : input.asMap(), TYPES,
        member -> output != null && output.get(member) instanceof Struct s
            ? s.get("AccessKeyId") : null);
  }

  /**
   * The resources of an event read back from its record: the same members under the record's
   * camelCase names ({@code requestParameters}, {@code responseElements}), so that
   * {@code audit verify} derives what {@link #of(Struct, Struct)} derived when the event was
   * made.
   */
  static List<AuditEvent.Resource> of(Map<String, ?> requestParameters,
      Function<String, Object> issuedKeyId) {
    return of(requestParameters, TYPES_BY_RECORD_NAME, issuedKeyId);
  }

  /**
   * The resources named by {@code parameters} ({@code types} gives the resource type of each
   * name) and the key ids {@code issuedKeyId} finds in each of {@link #ISSUED_KEYS}.
   */
  private static List<AuditEvent.Resource> of(Map<String, ?> parameters,
      Map<String, String> types, Function<String, Object> issuedKeyId) {
    List<AuditEvent.Resource> out = new ArrayList<>(2);
    for (Map.Entry<String, ?> e : parameters.entrySet()) {
      String type = types.get(e.getKey());
      if (type != null && e.getValue() instanceof String name && !name.isEmpty()) {
        out.add(new AuditEvent.Resource(type, name));
      }
    }
    for (String member : ISSUED_KEYS) {
      if (issuedKeyId.apply(member) instanceof String id) {
        out.add(new AuditEvent.Resource("AWS::IAM::AccessKey", id));
      }
    }
    return out;
  }

  /**
   * The user name LookupEvents shows for a caller: the IAM user's name, "root" for the root
   * user, and for temporary credentials the last part of the ARN (the role session name of an
   * assumed role, the federated user's name), as CloudTrail's event history does.
   */
  static String username(UserIdentity who) {
    return who == null ? null : username(who.type(), who.arn(), who.userName());
  }

  /** {@link #username(UserIdentity)} from the fields of a record's userIdentity. */
  static String username(String type, String arn, String userName) {
    if ("Root".equals(type)) {
      return "root";
    }
    if (("AssumedRole".equals(type) || "FederatedUser".equals(type)) && arn != null) {
      return arn.substring(arn.lastIndexOf('/') + 1);
    }
    return userName;
  }

  /** The account an event belongs to: the call's recipient, else the caller's account. */
  static String accountId(String recipientAccountId, String callerAccountId) {
    return recipientAccountId != null ? recipientAccountId : callerAccountId;
  }
}
