package dev.portcullis.server.passkeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A WebAuthn authenticator in software, standing in for a security key and the browser in
 * front of it: it answers the options JSON of Portcullis with the PublicKeyCredential JSON a
 * browser would post (ES256, "none" attestation). Its fields are knobs that make it misbehave
 * one way at a time, as an attacker or a broken device would.
 */
public final class SoftwareAuthenticator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectConverter CONVERTER = new ObjectConverter();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
  static final byte UP = 0x01;
  static final byte UV = 0x04;
  static final byte AT = 0x40;

  final KeyPair keys;
  final byte[] credentialId;
  /** The counter the next signature reports; each signature adds one first. */
  long counter;
  /** The origin the "browser" reports in clientDataJSON. */
  String origin;
  /** When set, the rp id the authenticator hashes instead of the one the options name. */
  String rpIdOverride;
  /** When set, the challenge signed instead of the one the options carry. */
  public byte[] challengeOverride;
  boolean userPresent = true;
  boolean corruptSignature;
  COSEAlgorithmIdentifier algorithm = COSEAlgorithmIdentifier.ES256;

  public SoftwareAuthenticator(String origin) {
    this(origin, newKeys(), randomId());
  }

  private SoftwareAuthenticator(String origin, KeyPair keys, byte[] credentialId) {
    this.origin = origin;
    this.keys = keys;
    this.credentialId = credentialId;
  }

  /** Another authenticator holding the same key and counter: a clone of this one. */
  SoftwareAuthenticator cloned() {
    SoftwareAuthenticator c = new SoftwareAuthenticator(origin, keys, credentialId.clone());
    c.counter = counter;
    return c;
  }

  String credentialIdBase64url() {
    return B64URL.encodeToString(credentialId);
  }

  /** The registration response to {@code navigator.credentials.create(options)}. */
  public String create(String creationOptionsJson) {
    JsonNode options = read(creationOptionsJson);
    byte[] clientData = clientData("webauthn.create", options.path("challenge").asText());
    AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, credentialId,
        EC2COSEKey.create((ECPublicKey) keys.getPublic(), algorithm));
    AuthenticatorData<com.webauthn4j.data.extension.authenticator
        .RegistrationExtensionAuthenticatorOutput> authData = new AuthenticatorData<>(
        rpIdHash(options.path("rp").path("id").asText()), flags(AT), counter, credential);
    byte[] attestation = new AttestationObjectConverter(CONVERTER)
        .convertToBytes(new AttestationObject(authData, new NoneAttestationStatement()));
    ObjectNode response = JSON.createObjectNode()
        .put("clientDataJSON", b64(clientData)).put("attestationObject", b64(attestation));
    response.putArray("transports").add("usb");
    return credential(response).toString();
  }

  /** The assertion response to {@code navigator.credentials.get(options)}. */
  public String get(String requestOptionsJson) {
    JsonNode options = read(requestOptionsJson);
    counter++;
    byte[] clientData = clientData("webauthn.get", options.path("challenge").asText());
    byte[] authData = new AuthenticatorDataConverter(CONVERTER).convert(
        new AuthenticatorData<>(rpIdHash(options.path("rpId").asText()), flags((byte) 0),
            counter));
    byte[] signature = sign(authData, clientData);
    ObjectNode response = JSON.createObjectNode().put("clientDataJSON", b64(clientData))
        .put("authenticatorData", b64(authData)).put("signature", b64(signature));
    return credential(response).toString();
  }

  private ObjectNode credential(ObjectNode response) {
    ObjectNode o = JSON.createObjectNode().put("id", credentialIdBase64url())
        .put("rawId", credentialIdBase64url()).put("type", "public-key");
    o.set("response", response);
    o.putObject("clientExtensionResults");
    o.put("authenticatorAttachment", "cross-platform");
    return o;
  }

  private byte[] clientData(String type, String challenge) {
    String signed = challengeOverride == null ? challenge : b64(challengeOverride);
    return ("{\"type\":\"" + type + "\",\"challenge\":\"" + signed + "\",\"origin\":\""
        + origin + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
  }

  private byte flags(byte extra) {
    return (byte) ((userPresent ? UP : 0) | UV | extra);
  }

  private byte[] rpIdHash(String rpId) {
    return sha256((rpIdOverride == null ? rpId : rpIdOverride)
        .getBytes(StandardCharsets.UTF_8));
  }

  private byte[] sign(byte[] authData, byte[] clientData) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(keys.getPrivate());
      s.update(authData);
      s.update(sha256(clientData));
      byte[] der = s.sign();
      if (corruptSignature) {
        der[der.length - 1] ^= 0x01;
      }
      return der;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] decode(String base64url) {
    return B64URL_DECODER.decode(base64url);
  }

  private static String b64(byte[] bytes) {
    return B64URL.encodeToString(bytes);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomId() {
    byte[] id = new byte[32];
    new SecureRandom().nextBytes(id);
    return id;
  }
}
