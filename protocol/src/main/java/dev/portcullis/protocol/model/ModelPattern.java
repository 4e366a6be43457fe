package dev.portcullis.protocol.model;

import java.util.regex.Pattern;

/**
 * A string shape's pattern, compiled on first use: a model has hundreds, and compiling them all
 * would cost start-up time for patterns most servers never test.
 */
public final class ModelPattern {
  private final String text;
  private volatile Pattern compiled;

  ModelPattern(String text) {
    this.text = text;
  }

  /** The pattern as the model writes it (and as AWS quotes it in validation messages). */
  public String text() {
    return text;
  }

  public boolean matches(String value) {
    Pattern p = compiled;
    if (p == null) {
      p = ServiceModel.javaPattern(text);
      compiled = p;
    }
    return p.matcher(value).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
