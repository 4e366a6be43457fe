package dev.portcullis.iam.mfa.passkeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.iam.domain.Passkey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The options a browser passes to {@code navigator.credentials.create} and {@code .get}, in
 * WebAuthn Level 3's JSON form (PublicKeyCredentialCreationOptionsJSON and
 * PublicKeyCredentialRequestOptionsJSON: binary fields as base64url without padding).
 */
public final class PasskeyOptions {
  /** COSE algorithm ids offered, most preferred first: ES256, EdDSA, RS256 (IANA COSE). */
  static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);
  /** Five minutes for the person to touch the authenticator, as the spec's guidance suggests. */
  static final long TIMEOUT_MILLIS = 300_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private PasskeyOptions() {}

  /**
   * For registering a passkey of {@code owner}: user verification and a discoverable credential
   * preferred (not required, so a plain security key works too), no attestation asked for, and
   * the owner's {@code existing} passkeys excluded so an authenticator is not registered twice.
   */
  public static String creation(RelyingParty rp, PasskeyOwner owner, List<Passkey> existing,
      byte[] challenge) {
    ObjectNode o = JSON.createObjectNode();
    o.putObject("rp").put("id", rp.id()).put("name", rp.name());
    // The user handle is the owner's opaque id, never a name or e-mail (WebAuthn 5.4.3).
    o.putObject("user").put("id", base64url(userHandle(owner)))
        .put("name", owner.userName()).put("displayName", owner.displayName());
    o.put("challenge", base64url(challenge));
    ArrayNode params = o.putArray("pubKeyCredParams");
    ALGORITHMS.forEach(alg -> params.addObject().put("type", "public-key").put("alg", alg));
    o.put("timeout", TIMEOUT_MILLIS);
    credentials(o.putArray("excludeCredentials"), existing);
    o.putObject("authenticatorSelection").put("residentKey", "preferred")
        .put("requireResidentKey", false).put("userVerification", "preferred");
    o.put("attestation", "none");
    return o.toString();
  }

  /** For signing in with one of the {@code allowed} passkeys. */
  public static String request(RelyingParty rp, List<Passkey> allowed, byte[] challenge) {
    ObjectNode o = JSON.createObjectNode();
    o.put("challenge", base64url(challenge));
    o.put("timeout", TIMEOUT_MILLIS);
    o.put("rpId", rp.id());
    credentials(o.putArray("allowCredentials"), allowed);
    o.put("userVerification", "preferred");
    return o.toString();
  }

  static byte[] userHandle(PasskeyOwner owner) {
    return owner.ownerId().getBytes(StandardCharsets.UTF_8);
  }

  static String base64url(byte[] bytes) {
    return B64URL.encodeToString(bytes);
  }

  private static void credentials(ArrayNode into, List<Passkey> passkeys) {
    for (Passkey p : passkeys) {
      ObjectNode c = into.addObject().put("type", "public-key").put("id", p.credentialId());
      if (!p.transports().isEmpty()) {
        ArrayNode t = c.putArray("transports");
        p.transports().forEach(t::add);
      }
    }
  }
}
