package dev.portcullis.policy;

import java.util.Optional;

/** The policy language version named by a document's Version element. */
public enum PolicyVersion {
  /** The original language; policy variables are plain text in it. */
  V2008_10_17("2008-10-17"),
  /** The current language, which adds policy variables such as {@code ${aws:username}}. */
  V2012_10_17("2012-10-17");

  private final String text;

  PolicyVersion(String text) {
    this.text = text;
  }

  /** The version as written in a document. */
  public String text() {
    return text;
  }

  /** Whether {@code ${...}} in this version's documents are policy variables. */
  public boolean supportsPolicyVariables() {
    return this == V2012_10_17;
  }

  /** The version written as {@code text}, if it is one AWS knows. */
  public static Optional<PolicyVersion> fromText(String text) {
    for (PolicyVersion version : values()) {
      if (version.text.equals(text)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }
}
