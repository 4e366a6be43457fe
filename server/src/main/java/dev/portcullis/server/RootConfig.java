package dev.portcullis.server;

import dev.portcullis.iam.RootAccessKeys;

/**
 * The root user: the e-mail address and password it gets on first start (null: asked for by
 * {@code prompt} on a terminal, else a placeholder address and a generated password written
 * once to {@code <data>/root-password}), and whether it may have access keys.
 *
 * @param prompt asks at a terminal for what is not given, or null (no terminal)
 */
public record RootConfig(String email, String password, RootAccessKeys accessKeys,
    RootPrompt prompt) {
  /** No address or password given, no root access keys: what a server started by code gets. */
  public static final RootConfig DEFAULT = new RootConfig(null, null, RootAccessKeys.DENIED,
      null);

  /** This config with root access keys allowed or not. */
  public RootConfig withAccessKeys(RootAccessKeys keys) {
    return new RootConfig(email, password, keys, prompt);
  }

  /** Leaves the password out, should a config be logged. */
  @Override
  public String toString() {
    return "RootConfig[" + email + ", password " + (password == null ? "not given" : "given")
        + ", " + accessKeys + "]";
  }
}
