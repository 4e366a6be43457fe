package dev.portcullis.server.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.mfa.passkeys.PasskeyCeremonies;
import dev.portcullis.iam.mfa.passkeys.PasskeyOptions;
import dev.portcullis.iam.mfa.passkeys.PasskeyOwner;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused.Reason;
import dev.portcullis.iam.mfa.passkeys.RelyingParty;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The WebAuthn ceremonies against a software authenticator: what passes and each refusal. */
class PasskeyCeremoniesTest {
  static final RelyingParty RP = RelyingParty.forHost("console.example.test");
  static final String ORIGIN = "https://console.example.test:8443";
  static final PasskeyOwner ANN = PasskeyOwner.user("123456789012", "AIDAANN00000000000001",
      "ann");
  static final String SERIAL = "arn:aws:iam::123456789012:u2f/user/ann/key-X";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN);

  static byte[] challenge() {
    byte[] c = new byte[32];
    new SecureRandom().nextBytes(c);
    return c;
  }

  private Passkey register(byte[] challenge) {
    return register(authenticator, challenge);
  }

  /** Registers {@code authenticator}'s passkey for ann, as a browser would. */
  static Passkey register(SoftwareAuthenticator authenticator) {
    return register(authenticator, challenge());
  }

  private static Passkey register(SoftwareAuthenticator authenticator, byte[] challenge) {
    String options = PasskeyOptions.creation(RP, ANN, List.of(), challenge);
    return PasskeyCeremonies.verifyRegistration(RP, ORIGIN, challenge, ANN,
        authenticator.create(options), "key", SERIAL, Instant.EPOCH);
  }

  private long assertWith(Passkey passkey, byte[] challenge) {
    String options = PasskeyOptions.request(RP, List.of(passkey), challenge);
    return PasskeyCeremonies.verifyAssertion(RP, ORIGIN, challenge, authenticator.get(options),
        passkey);
  }

  private static void assertRefused(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOf(PasskeyRefused.class)
        .hasMessage(reason.message())
        .satisfies(e -> assertThat(((PasskeyRefused) e).reason()).isEqualTo(reason));
  }

  @Test
  void creationOptions_whenBuilt_areWebAuthnLevel3JsonWithTheAskedSettings() throws Exception {
    byte[] challenge = challenge();
    Passkey existing = register(challenge());

    JsonNode o = JSON.readTree(PasskeyOptions.creation(RP, ANN, List.of(existing), challenge));

    assertThat(o.at("/rp/id").asText()).isEqualTo("console.example.test");
    assertThat(o.at("/rp/name").asText()).isEqualTo("Portcullis");
    assertThat(SoftwareAuthenticator.decode(o.at("/user/id").asText()))
        .isEqualTo(ANN.ownerId().getBytes());
    assertThat(o.at("/user/name").asText()).isEqualTo("ann");
    assertThat(SoftwareAuthenticator.decode(o.path("challenge").asText())).isEqualTo(challenge);
    assertThat(o.path("challenge").asText()).doesNotContain("=", "+", "/");
    assertThat(o.path("pubKeyCredParams").findValuesAsText("alg"))
        .containsExactly("-7", "-8", "-257");
    assertThat(o.at("/authenticatorSelection/userVerification").asText()).isEqualTo("preferred");
    assertThat(o.at("/authenticatorSelection/residentKey").asText()).isEqualTo("preferred");
    assertThat(o.path("attestation").asText()).isEqualTo("none");
    assertThat(o.at("/excludeCredentials/0/id").asText()).isEqualTo(existing.credentialId());
    assertThat(o.at("/excludeCredentials/0/transports/0").asText()).isEqualTo("usb");
  }

  @Test
  void requestOptions_whenBuilt_allowOnlyTheGivenPasskeysOnThisRpId() throws Exception {
    Passkey passkey = register(challenge());

    JsonNode o = JSON.readTree(PasskeyOptions.request(RP, List.of(passkey), challenge()));

    assertThat(o.path("rpId").asText()).isEqualTo("console.example.test");
    assertThat(o.path("allowCredentials").findValuesAsText("id"))
        .containsExactly(passkey.credentialId());
    assertThat(o.path("userVerification").asText()).isEqualTo("preferred");
  }

  @Test
  void registerThenAssert_withAGoodAuthenticator_storesThePublicKeyAndCountsSignatures() {
    Passkey passkey = register(challenge());

    assertThat(passkey.credentialId()).isEqualTo(authenticator.credentialIdBase64url());
    assertThat(passkey.ownerId()).isEqualTo(ANN.ownerId());
    assertThat(passkey.transports()).containsExactly("usb");
    assertThat(passkey.aaguid()).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(passkey.signCount()).isZero();
    assertThat(assertWith(passkey, challenge())).isEqualTo(1);
    assertThat(assertWith(passkey.used(1, Instant.EPOCH), challenge())).isEqualTo(2);
  }

  @Test
  void register_whenTheResponseSignedAnotherChallenge_isRefused() {
    authenticator.challengeOverride = challenge();

    assertRefused(() -> register(challenge()), Reason.CHALLENGE);
  }

  @Test
  void register_whenTheOriginDiffersOnlyInItsPort_isRefused() {
    authenticator.origin = "https://console.example.test";

    assertRefused(() -> register(challenge()), Reason.ORIGIN);
  }

  @Test
  void register_whenTheAuthenticatorHashedAnotherRpId_isRefused() {
    authenticator.rpIdOverride = "evil.example.test";

    assertRefused(() -> register(challenge()), Reason.RP_ID);
  }

  @Test
  void register_withoutUserPresence_isRefused() {
    authenticator.userPresent = false;

    assertRefused(() -> register(challenge()), Reason.USER_PRESENCE);
  }

  @Test
  void register_withAnAlgorithmNotOffered_isRefused() {
    authenticator.algorithm = COSEAlgorithmIdentifier.ES384;

    assertRefused(() -> register(challenge()), Reason.ALGORITHM);
  }

  @Test
  void register_withJsonThatIsNoCredential_isRefusedAsMalformed() {
    for (String bad : List.of("", "{", "[]", "{\"id\":\"x\"}", "{\"id\":\"!!\",\"rawId\":\"!!\","
        + "\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\","
        + "\"attestationObject\":\"oA\"}}")) {
      assertThatThrownBy(() -> PasskeyCeremonies.verifyRegistration(RP, ORIGIN, challenge(),
          ANN, bad, "key", SERIAL, Instant.EPOCH)).as(bad).isInstanceOf(PasskeyRefused.class);
    }
  }

  @Test
  void ceremonies_withMutatedResponses_refuseOrPassButNeverFailOtherwise() {
    // A seeded mutation harness: whatever a client posts ends in a verdict, never in another
    // exception (which the console would turn into a server error).
    java.util.Random random = new java.util.Random(20261205);
    byte[] regChallenge = challenge();
    String registration = authenticator.create(PasskeyOptions.creation(RP, ANN, List.of(),
        regChallenge));
    Passkey passkey = register(challenge());
    byte[] getChallenge = challenge();
    String assertion = authenticator.get(PasskeyOptions.request(RP, List.of(passkey),
        getChallenge));
    String alphabet = "AZaz09-_{}[]\":,.=+/ \u0000é";
    for (int i = 0; i < 400; i++) {
      String reg = mutate(registration, random, alphabet);
      String get = mutate(assertion, random, alphabet);
      try {
        PasskeyCeremonies.verifyRegistration(RP, ORIGIN, regChallenge, ANN, reg, "key", SERIAL,
            Instant.EPOCH);
      } catch (PasskeyRefused expected) {
        // a verdict
      }
      try {
        PasskeyCeremonies.credentialIdOf(get);
        PasskeyCeremonies.verifyAssertion(RP, ORIGIN, getChallenge, get, passkey);
      } catch (PasskeyRefused expected) {
        // a verdict
      }
    }
  }

  private static String mutate(String json, java.util.Random random, String alphabet) {
    StringBuilder b = new StringBuilder(json);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(3)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return b.toString();
  }

  @Test
  void credentialIdOf_withJsonThatIsNoAssertion_isRefusedAsMalformed() {
    for (String bad : List.of("", "null", "{}", "{\"id\":\"AA\"}", "{\"rawId\":5}",
        "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{}}")) {
      assertThatThrownBy(() -> PasskeyCeremonies.credentialIdOf(bad)).as(bad)
          .isInstanceOf(PasskeyRefused.class);
    }
  }

  @Test
  void verifyAssertion_withABadSignature_isRefused() {
    Passkey passkey = register(challenge());
    authenticator.corruptSignature = true;

    assertRefused(() -> assertWith(passkey, challenge()), Reason.SIGNATURE);
  }

  @Test
  void verifyAssertion_whenTheResponseSignedAnotherChallenge_isRefused() {
    Passkey passkey = register(challenge());
    authenticator.challengeOverride = challenge();

    assertRefused(() -> assertWith(passkey, challenge()), Reason.CHALLENGE);
  }

  @Test
  void verifyAssertion_fromAnotherOrigin_isRefused() {
    Passkey passkey = register(challenge());
    authenticator.origin = "http://console.example.test:8443";

    assertRefused(() -> assertWith(passkey, challenge()), Reason.ORIGIN);
  }

  @Test
  void verifyAssertion_forAnotherRpId_isRefused() {
    Passkey passkey = register(challenge());
    authenticator.rpIdOverride = "example.test";

    assertRefused(() -> assertWith(passkey, challenge()), Reason.RP_ID);
  }

  @Test
  void verifyAssertion_withoutUserPresence_isRefused() {
    Passkey passkey = register(challenge());
    authenticator.userPresent = false;

    assertRefused(() -> assertWith(passkey, challenge()), Reason.USER_PRESENCE);
  }

  @Test
  void verifyAssertion_fromAnotherAuthenticatorsKey_isRefused() {
    Passkey passkey = register(challenge());
    SoftwareAuthenticator other = new SoftwareAuthenticator(ORIGIN);
    byte[] challenge = challenge();
    String response = other.get(PasskeyOptions.request(RP, List.of(passkey), challenge))
        .replace(other.credentialIdBase64url(), passkey.credentialId());

    assertRefused(() -> PasskeyCeremonies.verifyAssertion(RP, ORIGIN, challenge, response,
        passkey), Reason.SIGNATURE);
  }

  @Test
  void verifyAssertion_whenACloneSignsWithACountAlreadySeen_isRefusedAsAPossibleClone() {
    Passkey passkey = register(challenge());
    SoftwareAuthenticator clone = authenticator.cloned();
    long seen = assertWith(passkey, challenge());
    byte[] challenge = challenge();
    String fromClone = clone.get(PasskeyOptions.request(RP, List.of(passkey), challenge));

    assertRefused(() -> PasskeyCeremonies.verifyAssertion(RP, ORIGIN, challenge, fromClone,
        passkey.used(seen, Instant.EPOCH)), Reason.POSSIBLE_CLONE);
  }

  @Test
  void verifyAssertion_whenTheCounterGoesBackToZero_isRefusedAsAPossibleClone() {
    Passkey passkey = register(challenge());
    authenticator.counter = -1; // the next signature reports 0

    assertRefused(() -> assertWith(passkey.used(7, Instant.EPOCH), challenge()),
        Reason.POSSIBLE_CLONE);
  }

  @Test
  void verifyAssertion_whenTheAuthenticatorKeepsNoCounter_passesWithZero() {
    Passkey passkey = register(challenge());
    authenticator.counter = -1;

    assertThat(assertWith(passkey, challenge())).isZero();
  }

  @Test
  void verifyAssertion_withoutAChallenge_isRefused() {
    Passkey passkey = register(challenge());

    assertRefused(() -> PasskeyCeremonies.verifyAssertion(RP, ORIGIN, new byte[0],
        authenticator.get(PasskeyOptions.request(RP, List.of(passkey), challenge())), passkey),
        Reason.CHALLENGE);
  }
}
