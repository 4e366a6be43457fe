package dev.portcullis.policy;

/** What a matching statement does to a request. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String text;

  Effect(String text) {
    this.text = text;
  }

  /** The effect as written in a document. */
  public String text() {
    return text;
  }
}
