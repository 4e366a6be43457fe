package dev.portcullis.iam.sts;

import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.catalog.ManagedPolicies;
import dev.portcullis.iam.policies.PolicyDocuments;
import dev.portcullis.iam.tags.Tagging;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The session policies and session tags a request passes (Policy, PolicyArns, Tags,
 * TransitiveTagKeys), checked as STS checks them, and their packed size.
 *
 * <p>AWS packs policies and tags into a compressed binary form with an undisclosed limit and
 * reports how full it is as {@code PackedPolicySize}. Portcullis measures the documented
 * plaintext limit instead: the inline policy (without white space) and the managed policy ARNs
 * share {@value #POLICY_PLAINTEXT_LIMIT} characters; tag keys and values share room for the
 * documented 50 tags of 128 + 256 characters. The reported size is the fuller of the two.
 */
public record SessionPolicies(String policy, List<String> policyArns, List<Tag> tags,
    List<String> transitiveTagKeys, Integer packedPolicySize) {
  static final int POLICY_PLAINTEXT_LIMIT = 2048;
  static final int MAX_POLICY_ARNS = 10;
  private static final int TAG_PLAINTEXT_LIMIT = Tagging.MAX_TAGS * (128 + 256);

  /**
   * Reads and checks the members of {@code in}; {@code inherited} are the transitive tags of the
   * calling session (empty unless role chaining), which new tags may not repeat.
   */
  public static SessionPolicies read(StoreTx tx, String accountId, Struct in,
      List<Tag> inherited) {
    String policy = in.string("Policy");
    if (policy != null) {
      PolicyDocuments.validateIdentityPolicy(policy);
    }
    List<String> arns = policyArns(tx, accountId, in);
    List<Tag> tags = Tagging.fromInput(in, ErrorCode.INVALID_PARAMETER_VALUE);
    List<String> transitive = transitiveKeys(in, tags);
    Set<String> inheritedKeys = lowerKeys(inherited);
    for (Tag t : tags) {
      if (inheritedKeys.contains(t.key().toLowerCase(Locale.ROOT))) {
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "One or more of the session "
            + "tags conflict with a transitive tag inherited from the calling session: %s",
            t.key());
      }
    }
    List<Tag> allTags = new ArrayList<>(inherited);
    allTags.addAll(tags);
    Integer packed = null;
    if (policy != null || !arns.isEmpty() || !tags.isEmpty()) {
      packed = packedSize(policy, arns, allTags);
    }
    return new SessionPolicies(policy, arns, allTags, transitive, packed);
  }

  private static List<String> policyArns(StoreTx tx, String accountId, Struct in) {
    List<Struct> descriptors = in.list("PolicyArns");
    if (descriptors.size() > MAX_POLICY_ARNS) {
      throw AwsException.of(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value at "
          + "'policyArns' failed to satisfy constraint: Member must have length less than or "
          + "equal to %d", MAX_POLICY_ARNS);
    }
    List<String> arns = new ArrayList<>();
    for (Struct d : descriptors) {
      String arn = d.string("arn");
      boolean known = arn != null && Arn.parse(arn).filter(p -> p.type().equals("policy"))
          .isPresent() && ManagedPolicies.find(tx, accountId, arn).isPresent();
      if (!known) {
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
            "Policy %s does not exist or is not attachable.", arn);
      }
      arns.add(arn);
    }
    return arns;
  }

  private static List<String> transitiveKeys(Struct in, List<Tag> tags) {
    Set<String> tagKeys = lowerKeys(tags);
    Set<String> out = new LinkedHashSet<>();
    // Only AssumeRole has TransitiveTagKeys; GetFederationToken's tags are never transitive.
    for (String key : in.anyMember().<String>list("TransitiveTagKeys")) {
      if (!tagKeys.contains(key.toLowerCase(Locale.ROOT))) {
        throw new AwsException(ErrorCode.INVALID_PARAMETER_VALUE,
            "The specified transitive tag key must be included in the requested tags.");
      }
      out.add(key);
    }
    return List.copyOf(out);
  }

  private static Integer packedSize(String policy, List<String> arns, List<Tag> tags) {
    int policyChars = policy == null ? 0 : PolicyDocuments.size(policy);
    for (String arn : arns) {
      policyChars += arn.length();
    }
    int policyPercent = percent(policyChars, POLICY_PLAINTEXT_LIMIT);
    if (policyChars > POLICY_PLAINTEXT_LIMIT) {
      throw AwsException.of(ErrorCode.PACKED_POLICY_TOO_LARGE,
          "Packed policy consumes %d%% of allotted space, please use smaller policy.",
          policyPercent);
    }
    int tagChars = 0;
    for (Tag t : tags) {
      tagChars += t.key().length() + t.value().length();
    }
    int tagPercent = percent(tagChars, TAG_PLAINTEXT_LIMIT);
    if (tagChars > TAG_PLAINTEXT_LIMIT) {
      throw AwsException.of(ErrorCode.PACKED_POLICY_TOO_LARGE,
          "Packed size of session tags consumes %d%% of allotted space.", tagPercent);
    }
    return Math.max(policyPercent, tagPercent);
  }

  private static int percent(int used, int limit) {
    return (int) Math.ceil(100.0 * used / limit);
  }

  private static Set<String> lowerKeys(List<Tag> tags) {
    Set<String> keys = new java.util.HashSet<>();
    tags.forEach(t -> keys.add(t.key().toLowerCase(Locale.ROOT)));
    return keys;
  }
}
