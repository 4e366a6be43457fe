package dev.portcullis.iam.authz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyDocument;
import dev.portcullis.policy.PolicyErrors;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import dev.portcullis.policy.PolicySizeQuota;
import dev.portcullis.policy.PolicyText;
import dev.portcullis.policy.Principal;
import dev.portcullis.policy.PrincipalElement;
import dev.portcullis.policy.PrincipalType;
import dev.portcullis.policy.Statement;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks a role trust policy (CreateRole, UpdateAssumeRolePolicy) the way IAM does. */
public final class TrustPolicies {
  /** IAM words text that is not JSON at all differently for trust policies. */
  static final String INVALID_JSON = "This policy contains invalid Json";
  private static final JsonFactory JSON = new JsonFactory();

  private TrustPolicies() {}

  /**
   * Accepts a trust policy document or throws: LimitExceeded beyond 2048 characters (white
   * space not counted), MalformedPolicyDocument for invalid JSON or a document that breaks the
   * trust policy grammar.
   */
  public static void validate(String document) {
    PolicySizeQuota quota = PolicySizeQuota.ROLE_TRUST_POLICY;
    if (quota.isExceededBy(PolicyText.nonWhitespaceLength(document))) {
      throw new AwsException(ErrorCode.LIMIT_EXCEEDED, quota.exceededMessage(null));
    }
    if (!isWellFormedJson(document)) {
      throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT, INVALID_JSON);
    }
    ParseResult result = PolicyParser.parse(document, PolicyKind.TRUST);
    if (result instanceof ParseResult.Malformed malformed) {
      throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT, malformed.message());
    }
  }

  /**
   * The unique ids of the IAM users and roles of {@code accountId} the trust policy names, by
   * ARN, for AWS's matching by unique id. A name that does not exist is refused, as IAM does
   * ("Invalid principal in policy"): a trust in a mistyped name would never match.
   */
  public static Map<String, String> principalIds(StoreTx tx, String accountId,
      String document) {
    Map<String, String> ids = new LinkedHashMap<>();
    PolicyParser.parse(document, PolicyKind.TRUST).parsed().ifPresent(doc -> {
      for (Statement statement : doc.statements()) {
        statement.principal().map(PrincipalElement::principal)
            .filter(p -> p instanceof Principal.Named)
            .ifPresent(p -> ((Principal.Named) p).valuesOf(PrincipalType.AWS)
                .forEach(arn -> idOf(tx, accountId, arn).ifPresent(id -> ids.put(arn, id))));
      }
    });
    return ids;
  }

  /** The unique id of the user or role {@code arn} names; empty for other principals. */
  private static Optional<String> idOf(StoreTx tx, String accountId, String arn) {
    Optional<Arn.Parts> parts = Arn.parse(arn).filter(a -> a.accountId().equals(accountId)
        && !arn.contains("*") && !arn.contains("?"));
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> id;
    switch (parts.get().type()) {
      case "user":
        id = tx.users().findByName(accountId, parts.get().name())
            .filter(u -> u.arn().equals(arn)).map(User::userId);
        break;
      case "role":
        id = tx.roles().findByName(accountId, parts.get().name())
            .filter(r -> r.arn().equals(arn)).map(Role::roleId);
        break;
      default:
        return Optional.empty();
    }
    if (id.isEmpty()) {
      throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT,
          PolicyErrors.invalidPrincipal("AWS", arn));
    }
    return id;
  }

  /**
   * The trust policy as it is evaluated now. AWS keeps the unique id of each IAM user or role a
   * trust policy names: a renamed or moved principal is still trusted under its new ARN, and one
   * deleted (even if created again under the same name) no longer matches anything. Only
   * Principal and NotPrincipal values change; Conditions keep the ARNs as written.
   */
  public static PolicyDocument current(StoreTx tx, String accountId, String roleId,
      PolicyDocument document) {
    Map<String, String> now = new LinkedHashMap<>();
    tx.roles().trustPrincipals(accountId, roleId).forEach((arn, id) -> {
      String current = (id.startsWith("AROA")
          ? tx.roles().findById(accountId, id).map(Role::arn)
          : tx.users().findById(accountId, id).map(User::arn))
          .orElse(arn + "#" + id); // no principal has this ARN
      if (!current.equals(arn)) {
        now.put(arn, current);
      }
    });
    if (now.isEmpty()) {
      return document;
    }
    List<Statement> statements = new ArrayList<>();
    for (Statement st : document.statements()) {
      Optional<PrincipalElement> principal = st.principal().map(e -> {
        if (!(e.principal() instanceof Principal.Named)) {
          return e;
        }
        Map<PrincipalType, List<String>> values = new LinkedHashMap<>(
            ((Principal.Named) e.principal()).values());
        values.computeIfPresent(PrincipalType.AWS, (type, list) -> list.stream()
            .map(v -> now.getOrDefault(v, v)).toList());
        return new PrincipalElement(e.negated(), new Principal.Named(values));
      });
      statements.add(new Statement(st.sid(), st.effect(), principal, st.actions(),
          st.resources(), st.conditions()));
    }
    return new PolicyDocument(document.declaredVersion(), document.id(), statements);
  }

  /** One JSON value and nothing after it. */
  private static boolean isWellFormedJson(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
