package dev.portcullis.iam.tags;

import dev.portcullis.iam.domain.Tag;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** IAM's tagging rules, shared by every taggable kind: 50 tags, keys unique ignoring case. */
public final class Tagging {
  public static final int MAX_TAGS = 50;
  private static final String RESERVED_PREFIX = "aws:";

  private Tagging() {}

  /** The tags of a request's {@code Tags} member, rejecting duplicate and reserved keys. */
  public static List<Tag> fromInput(Struct input) {
    return fromInput(input, ErrorCode.INVALID_INPUT);
  }

  /**
   * As {@link #fromInput(Struct)}, answering a broken tag rule with {@code ruleError} (IAM's
   * InvalidInput, STS's InvalidParameterValue).
   */
  public static List<Tag> fromInput(Struct input, ErrorCode ruleError) {
    List<Tag> tags = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Struct t : input.<Struct>list("Tags")) {
      String key = t.string("Key");
      if (isReserved(key)) {
        throw AwsException.of(ruleError, "Tag key %s is not valid: tag keys starting with "
            + "%s are reserved for AWS internal use.", key, RESERVED_PREFIX);
      }
      if (!seen.add(key.toLowerCase(Locale.ROOT))) {
        throw new AwsException(ruleError,
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
      tags.add(new Tag(key, t.string("Value", "")));
    }
    return tags;
  }

  /**
   * Whether a tag key uses the prefix AWS keeps for itself. IAM user guide, "Rules for tagging
   * in IAM and AWS STS": "You cannot create a tag key or value that begins with the text aws:.
   * This tag prefix is reserved for AWS internal use"; session tags follow the same rules
   * ("Passing session tags in AWS STS"). Matched ignoring case: the "Tagging AWS resources"
   * guide reserves aws:, AWS: and any mix of cases. The exact message IAM and STS send could not
   * be found in AWS's documentation; the codes are the ones each uses for its other tag rules.
   * Not checked here: values, and UntagX of such a key (nothing can carry one).
   */
  static boolean isReserved(String key) {
    return key.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length());
  }

  /** Adds or overwrites tags, keeping the first-set order; enforces the quota per kind. */
  public static List<Tag> merge(List<Tag> existing, List<Tag> added, String quotaName) {
    List<Tag> out = new ArrayList<>(existing);
    for (Tag t : added) {
      int at = indexOf(out, t.key());
      if (at >= 0) {
        out.set(at, t);
      } else {
        out.add(t);
      }
    }
    checkQuota(out, quotaName);
    return out;
  }

  /** Removes the tags with the given keys (ignoring case); unknown keys are ignored. */
  public static List<Tag> remove(List<Tag> existing, List<String> keys) {
    Set<String> gone = new HashSet<>();
    keys.forEach(k -> gone.add(k.toLowerCase(Locale.ROOT)));
    List<Tag> out = new ArrayList<>();
    for (Tag t : existing) {
      if (!gone.contains(t.key().toLowerCase(Locale.ROOT))) {
        out.add(t);
      }
    }
    return out;
  }

  public static void checkQuota(List<Tag> tags, String quotaName) {
    if (tags.size() > MAX_TAGS) {
      throw AwsException.of(ErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for %s: %d",
          quotaName, MAX_TAGS);
    }
  }

  public static List<Struct> toWire(List<Tag> tags) {
    List<Struct> out = new ArrayList<>(tags.size());
    for (Tag t : tags) {
      out.add(Struct.of("Key", t.key(), "Value", t.value()));
    }
    return out;
  }

  private static int indexOf(List<Tag> tags, String key) {
    for (int i = 0; i < tags.size(); i++) {
      if (tags.get(i).key().equalsIgnoreCase(key)) {
        return i;
      }
    }
    return -1;
  }
}
