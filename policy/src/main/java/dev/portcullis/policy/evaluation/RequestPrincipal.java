package dev.portcullis.policy.evaluation;

import java.util.Objects;

/**
 * Who makes a request, as the policy engine sees it: the caller's own ARN and, for a session, the
 * IAM entity behind it.
 *
 * @param kind what sort of principal this is
 * @param arn the caller's ARN: the user, the account root, the assumed-role or federated-user
 *     session; for a service, its service principal; for a web identity or SAML caller, its
 *     provider (for example {@code cognito-identity.amazonaws.com}); empty for an anonymous caller
 * @param entityArn the IAM entity behind a session (the role of an assumed-role session, the IAM
 *     user of a federated-user session); for a user or the root, the same as {@code arn}; empty
 *     when there is none
 * @param account the 12-digit account the principal belongs to; empty for services, identity
 *     providers and anonymous callers
 */
public record RequestPrincipal(Kind kind, String arn, String entityArn, String account) {

  /** The sorts of principal the evaluation logic tells apart. */
  public enum Kind {
    /** The account root user. */
    ROOT("Account"),
    /** An IAM user with long-term credentials. */
    USER("User"),
    /** A role session from AssumeRole*. */
    ASSUMED_ROLE("AssumedRole"),
    /** A session from GetFederationToken. */
    FEDERATED_USER("FederatedUser"),
    /** An AWS service acting on its own, such as {@code ec2.amazonaws.com} assuming a role. */
    SERVICE(""),
    /** A web identity (OIDC) caller of AssumeRoleWithWebIdentity. */
    WEB_IDENTITY(""),
    /** A SAML caller of AssumeRoleWithSAML. */
    SAML(""),
    /** An unauthenticated caller. */
    ANONYMOUS("Anonymous");

    private final String principalType;

    Kind(String principalType) {
      this.principalType = principalType;
    }

    /** The value of {@code aws:PrincipalType} for this kind; empty when AWS sets none. */
    public String principalType() {
      return principalType;
    }

    /** Whether principals of this kind belong to an account and so carry identity policies. */
    public boolean inAccount() {
      return this == ROOT || this == USER || this == ASSUMED_ROLE || this == FEDERATED_USER;
    }

    /** Whether this kind is a session principal, to which session policies apply. */
    public boolean isSession() {
      return this == ASSUMED_ROLE || this == FEDERATED_USER;
    }
  }

  public RequestPrincipal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(entityArn, "entityArn");
    Objects.requireNonNull(account, "account");
  }

  /** An IAM user, such as {@code arn:aws:iam::123456789012:user/division/alice}. */
  public static RequestPrincipal user(String userArn) {
    return new RequestPrincipal(Kind.USER, userArn, userArn, accountOf(userArn));
  }

  /** The root user of {@code account}. */
  public static RequestPrincipal root(String account) {
    String arn = "arn:aws:iam::" + account + ":root";
    return new RequestPrincipal(Kind.ROOT, arn, arn, account);
  }

  /**
   * A role session such as {@code arn:aws:sts::123456789012:assumed-role/admin/alice}, of the role
   * {@code arn:aws:iam::123456789012:role/ops/admin}.
   */
  public static RequestPrincipal assumedRole(String sessionArn, String roleArn) {
    return new RequestPrincipal(Kind.ASSUMED_ROLE, sessionArn, roleArn, accountOf(roleArn));
  }

  /** A federated-user session such as {@code arn:aws:sts::123456789012:federated-user/bob}. */
  public static RequestPrincipal federatedUser(String federatedUserArn, String userArn) {
    return new RequestPrincipal(
        Kind.FEDERATED_USER, federatedUserArn, userArn, accountOf(federatedUserArn));
  }

  /** An AWS service principal such as {@code ec2.amazonaws.com}. */
  public static RequestPrincipal service(String servicePrincipal) {
    return new RequestPrincipal(Kind.SERVICE, servicePrincipal, "", "");
  }

  /** A caller federated through an OIDC provider, such as {@code accounts.google.com}. */
  public static RequestPrincipal webIdentity(String provider) {
    return new RequestPrincipal(Kind.WEB_IDENTITY, provider, "", "");
  }

  /** A caller federated through the SAML provider with this ARN. */
  public static RequestPrincipal saml(String providerArn) {
    return new RequestPrincipal(Kind.SAML, providerArn, "", "");
  }

  /** An unauthenticated caller. */
  public static RequestPrincipal anonymous() {
    return new RequestPrincipal(Kind.ANONYMOUS, "", "", "");
  }

  /** The value of {@code aws:PrincipalArn}: the role for a role session, else the caller. */
  public String principalArn() {
    return kind == Kind.ASSUMED_ROLE ? entityArn : arn;
  }

  /** The account field of an ARN, or empty if {@code arn} has none. */
  static String accountOf(String arn) {
    int from = 0;
    for (int field = 0; field < 4; field++) {
      from = arn.indexOf(':', from) + 1;
      if (from == 0) {
        return "";
      }
    }
    int end = arn.indexOf(':', from);
    return end < 0 ? "" : arn.substring(from, end);
  }
}
