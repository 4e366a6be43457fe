package dev.portcullis.iam.audit;

import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.protocol.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /** Output structures whose AccessKeyId is the key the call created or issued. */
  private static final List<String> ISSUED_KEYS = List.of("AccessKey", "Credentials");

  private AuditResources() {}

  static List<AuditEvent.Resource> of(Struct input, Struct output) {
    List<AuditEvent.Resource> out = new ArrayList<>(2);
    if (input != null) {
      for (Map.Entry<String, Object> e : input.asMap().entrySet()) {
        String type = TYPES.get(e.getKey());
        if (type != null && e.getValue() instanceof String name && !name.isEmpty()) {
          out.add(new AuditEvent.Resource(type, name));
        }
      }
    }
    if (output != null) {
      for (String member : ISSUED_KEYS) {
        if (output.get(member) instanceof Struct s && s.get("AccessKeyId") instanceof String id) {
          out.add(new AuditEvent.Resource("AWS::IAM::AccessKey", id));
        }
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
    if (who == null) {
      return null;
    }
    if ("Root".equals(who.type())) {
      return "root";
    }
    if (("AssumedRole".equals(who.type()) || "FederatedUser".equals(who.type()))
        && who.arn() != null) {
      return who.arn().substring(who.arn().lastIndexOf('/') + 1);
    }
    return who.userName();
  }
}
