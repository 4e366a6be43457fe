package dev.portcullis.iam.domain;

/** The kinds of IAM resource that carry tags; the tag store keys tags by kind and id. */
public enum TaggedKind {
  USER, ROLE, POLICY, INSTANCE_PROFILE, MFA_DEVICE, OIDC_PROVIDER, SAML_PROVIDER,
  SERVER_CERTIFICATE
}
