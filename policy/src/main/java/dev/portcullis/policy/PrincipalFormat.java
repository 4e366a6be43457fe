package dev.portcullis.policy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape each principal value must have. AWS also checks that named users, roles and services
 * exist; that needs the account's state and is the caller's job.
 */
final class PrincipalFormat {
  private static final String PARTITION = "aws(?:-[a-z]+(?:-[a-z]+)?)?";
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern IAM_ARN =
      Pattern.compile("arn:" + PARTITION + ":iam::(?:\\d{12}|aws):[^*?]+");
  private static final Pattern STS_SESSION_ARN =
      Pattern.compile("arn:" + PARTITION + ":sts::\\d{12}:(?:assumed-role|federated-user)/[^*?]+");
  private static final Pattern SERVICE =
      Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9-]+)*\\.amazonaws\\.com");
  private static final Pattern PROVIDER_ARN =
      Pattern.compile("arn:" + PARTITION + ":iam::\\d{12}:(?:saml-provider|oidc-provider)/[^*?]+");
  private static final Pattern PROVIDER_HOST =
      Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9-]+)+");
  private static final Pattern CANONICAL_USER = Pattern.compile("[0-9a-f]{64}");

  private PrincipalFormat() {}

  /** The AWS message for a value that cannot name a principal of {@code type}, if so. */
  static Optional<String> problem(PrincipalType type, String value) {
    return isValid(type, value)
        ? Optional.empty()
        : Optional.of(PolicyErrors.invalidPrincipal(type.errorName(), value));
  }

  private static boolean isValid(PrincipalType type, String value) {
    switch (type) {
      case AWS:
        return value.equals("*")
            || ACCOUNT_ID.matcher(value).matches()
            || IAM_ARN.matcher(value).matches()
            || STS_SESSION_ARN.matcher(value).matches();
      case SERVICE:
        return SERVICE.matcher(value).matches();
      case FEDERATED:
        return PROVIDER_ARN.matcher(value).matches() || PROVIDER_HOST.matcher(value).matches();
      case CANONICAL_USER:
        return CANONICAL_USER.matcher(value).matches();
      default:
        throw new IllegalStateException("unknown principal type " + type);
    }
  }
}
