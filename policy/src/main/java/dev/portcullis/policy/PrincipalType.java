package dev.portcullis.policy;

import java.util.Optional;

/** The kinds of principal a Principal element can name. */
public enum PrincipalType {
  /** Accounts, IAM users and roles, and role and federated sessions. */
  AWS("AWS", "AWS"),
  /** AWS services, such as {@code ec2.amazonaws.com}. */
  SERVICE("Service", "SERVICE"),
  /** SAML and OIDC identity providers. */
  FEDERATED("Federated", "FEDERATED"),
  /** S3 canonical user IDs. */
  CANONICAL_USER("CanonicalUser", "CANONICAL_USER");

  private final String key;
  private final String errorName;

  PrincipalType(String key, String errorName) {
    this.key = key;
    this.errorName = errorName;
  }

  /** The key naming this type in a Principal element. */
  public String key() {
    return key;
  }

  /** How AWS names this type in an "Invalid principal in policy" message. */
  String errorName() {
    return errorName;
  }

  /** The type whose key is {@code key}; keys are case-sensitive. */
  public static Optional<PrincipalType> fromKey(String key) {
    for (PrincipalType type : values()) {
      if (type.key.equals(key)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
