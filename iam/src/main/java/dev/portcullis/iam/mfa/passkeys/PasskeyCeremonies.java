package dev.portcullis.iam.mfa.passkeys;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused.Reason;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two WebAuthn ceremonies' server checks (WebAuthn Level 3, sections 7.1 and 7.2), by
 * webauthn4j: the challenge, the exact origin (scheme, host and port), the rp id hash, user
 * presence, the algorithm, the signature and the signature counter. Holds no state: the caller
 * makes each challenge (32 random bytes) and keeps it until the response arrives.
 */
public final class PasskeyCeremonies {
  private static final List<PublicKeyCredentialParameters> ALGORITHMS =
      PasskeyOptions.ALGORITHMS.stream().map(alg -> new PublicKeyCredentialParameters(
          PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(alg))).toList();
  private static final ObjectConverter CONVERTER = new ObjectConverter();
  // Non-strict: "none" attestation is asked for, so no attestation trust anchors are checked;
  // every other check of the ceremonies runs.
  private static final WebAuthnManager WEBAUTHN =
      WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  private PasskeyCeremonies() {}

  /**
   * Verifies a registration response (the JSON of the PublicKeyCredential that {@code
   * navigator.credentials.create} returned) and returns the passkey it makes for {@code owner},
   * not yet stored (see {@link Passkeys#register}).
   *
   * @throws PasskeyRefused naming the check that failed
   */
  public static Passkey verifyRegistration(RelyingParty rp, String expectedOrigin,
      byte[] challenge, PasskeyOwner owner, String responseJson, String name,
      String serialNumber, Instant now) {
    RegistrationParameters parameters = new RegistrationParameters(
        server(rp, expectedOrigin, challenge), ALGORITHMS, false, true);
    // Reading the verified data is inside the verdict too: what a client left out reads as
    // null, which must be a refusal, not a server error.
    return WebAuthnVerdicts.verify(() -> passkey(owner,
        WEBAUTHN.verifyRegistrationResponseJSON(responseJson, parameters), name, serialNumber,
        now));
  }

  private static Passkey passkey(PasskeyOwner owner, RegistrationData data, String name,
      String serialNumber, Instant now) {
    AuthenticatorData<?> authData = data.getAttestationObject().getAuthenticatorData();
    AttestedCredentialData credential = authData.getAttestedCredentialData();
    List<String> transports = data.getTransports() == null ? List.of()
        : data.getTransports().stream().map(AuthenticatorTransport::getValue).sorted()
            .toList();
    return new Passkey(owner.accountId(), owner.ownerId(),
        PasskeyOptions.base64url(credential.getCredentialId()),
        PasskeyOptions.base64url(CONVERTER.getCborMapper()
            .writeValueAsBytes(credential.getCOSEKey())),
        authData.getSignCount(), credential.getAaguid().getValue().toString(), transports,
        authData.isFlagBE(), name, serialNumber, now, null);
  }

  /** The credential id (base64url) an assertion response claims, before it is verified. */
  public static String credentialIdOf(String responseJson) {
    // Parsing checks no member's presence: a response without an id reads as a null one.
    return WebAuthnVerdicts.verify(() -> PasskeyOptions.base64url(
        WEBAUTHN.parseAuthenticationResponseJSON(responseJson).getCredentialId()));
  }

  /**
   * Verifies an assertion response (the JSON of the PublicKeyCredential that {@code
   * navigator.credentials.get} returned) against the stored {@code passkey} and returns the
   * authenticator's new signature count. A count that did not increase, when either it or the
   * stored one is non-zero, is refused as a possible clone (WebAuthn Level 3, 7.2 step 22:
   * the spec leaves the choice to the relying party; for a second factor, refusing is safe).
   *
   * @throws PasskeyRefused naming the check that failed
   */
  public static long verifyAssertion(RelyingParty rp, String expectedOrigin, byte[] challenge,
      String responseJson, Passkey passkey) {
    byte[] credentialId = B64URL.decode(passkey.credentialId());
    COSEKey key = CONVERTER.getCborMapper()
        .readValue(B64URL.decode(passkey.publicKeyCose()), COSEKey.class);
    Set<AuthenticatorTransport> transports = passkey.transports().stream()
        .map(AuthenticatorTransport::create).collect(Collectors.toSet());
    CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null,
        passkey.backupEligible(), null, passkey.signCount(),
        new AttestedCredentialData(new AAGUID(passkey.aaguid()), credentialId, key), null, null,
        null, transports);
    AuthenticationParameters parameters = new AuthenticationParameters(
        server(rp, expectedOrigin, challenge), record, List.of(credentialId), false, true);
    AuthenticationData data = WebAuthnVerdicts.verify(() ->
        WEBAUTHN.verifyAuthenticationResponseJSON(responseJson, parameters));
    return data.getAuthenticatorData().getSignCount();
  }

  private static ServerProperty server(RelyingParty rp, String expectedOrigin,
      byte[] challenge) {
    if (challenge == null || challenge.length < 16) {
      // WebAuthn 13.4.3: at least 16 random bytes; a missing one would match nothing anyway.
      throw new PasskeyRefused(Reason.CHALLENGE);
    }
    return ServerProperty.builder().origin(Origin.create(expectedOrigin)).rpId(rp.id())
        .challenge(new DefaultChallenge(challenge)).build();
  }
}
