package dev.portcullis.iam.mfa.passkeys;

import java.util.Objects;

/**
 * The WebAuthn relying party: its id is the host name the console is served on (passkeys are
 * bound to it: a passkey made for one host name cannot sign in on another), its name what
 * authenticators show.
 */
public record RelyingParty(String id, String name) {
  /** The name authenticators show beside the user's name. */
  public static final String PORTCULLIS = "Portcullis";

  public RelyingParty {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (id.isBlank() || id.contains("/") || id.contains(":")) {
      // An RP id is a bare host name (WebAuthn Level 3, section 5.1.1): no scheme, no port.
      throw new IllegalArgumentException("a relying party id is a host name, not " + id);
    }
  }

  /** The relying party of a console served on {@code host}. */
  public static RelyingParty forHost(String host) {
    return new RelyingParty(host, PORTCULLIS);
  }
}
