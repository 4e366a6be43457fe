package dev.portcullis.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition operator as written in a Condition element, such as {@code
 * ForAnyValue:StringLikeIfExists}.
 *
 * @param qualifier the {@code ForAnyValue:}/{@code ForAllValues:} prefix, if any
 * @param base the operator proper
 * @param ifExists whether the IfExists suffix is present: the condition holds when the key is
 *     absent from the request
 */
public record ConditionOperator(SetQualifier qualifier, BaseOperator base, boolean ifExists) {
  private static final String IF_EXISTS = "IfExists";

  public ConditionOperator {
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(base, "base");
    if (ifExists && !base.allowsIfExists()) {
      throw new IllegalArgumentException(base.text() + " does not take IfExists");
    }
  }

  /** The operator as written in a document. */
  public String text() {
    return qualifier.prefix() + base.text() + (ifExists ? IF_EXISTS : "");
  }

  /** The operator written as {@code text}, if it is one AWS knows. */
  public static Optional<ConditionOperator> parse(String text) {
    SetQualifier qualifier = SetQualifier.NONE;
    String rest = text;
    for (SetQualifier candidate : SetQualifier.values()) {
      if (candidate != SetQualifier.NONE && rest.startsWith(candidate.prefix())) {
        qualifier = candidate;
        rest = rest.substring(candidate.prefix().length());
        break;
      }
    }
    Optional<BaseOperator> exact = BaseOperator.fromText(rest);
    if (exact.isPresent()) {
      return Optional.of(new ConditionOperator(qualifier, exact.get(), false));
    }
    if (!rest.endsWith(IF_EXISTS)) {
      return Optional.empty();
    }
    String withoutSuffix = rest.substring(0, rest.length() - IF_EXISTS.length());
    SetQualifier finalQualifier = qualifier;
    return BaseOperator.fromText(withoutSuffix)
        .filter(BaseOperator::allowsIfExists)
        .map(base -> new ConditionOperator(finalQualifier, base, true));
  }
}
