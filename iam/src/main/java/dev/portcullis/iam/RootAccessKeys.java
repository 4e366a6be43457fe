package dev.portcullis.iam;

/**
 * Whether the root user may have and use access keys ({@code serve --allow-root-access-keys}).
 * Off by default, as the IAM guides advise; the console shows root keys red when on.
 */
public record RootAccessKeys(boolean allowed) {
  /** Root has no access keys: the default. */
  public static final RootAccessKeys DENIED = new RootAccessKeys(false);
  /** The operator allowed root access keys. */
  public static final RootAccessKeys ALLOWED = new RootAccessKeys(true);
}
