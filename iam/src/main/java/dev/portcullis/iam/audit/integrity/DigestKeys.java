package dev.portcullis.iam.audit.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The RSA keys that sign audit digests, in CloudTrail's forms: SHA256withRSA signatures in hex,
 * public keys as DER PKCS#1 (what ListPublicKeys returns) and fingerprints as the hex MD5 of
 * those bytes (checked against the key and fingerprint of the AWS CLI's list-public-keys
 * example: MD5 of the PKCS#1 DER, not of the SubjectPublicKeyInfo).
 */
public final class DigestKeys {
  public static final String ALGORITHM = "SHA256withRSA";
  private static final int BITS = 2048;

  private DigestKeys() {}

  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(BITS);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is part of every Java runtime", e);
    }
  }

  /** The public key as DER PKCS#1 (RSAPublicKey: modulus and exponent). */
  public static byte[] pkcs1(PublicKey key) {
    try {
      return SubjectPublicKeyInfo.getInstance(key.getEncoded()).parsePublicKey().getEncoded();
    } catch (IOException e) {
      throw new IllegalArgumentException("not an RSA public key", e);
    }
  }

  /** The RSA public key of DER PKCS#1 bytes. */
  public static PublicKey fromPkcs1(byte[] der) {
    try {
      byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
          PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), der).getEncoded();
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a DER PKCS#1 RSA public key", e);
    }
  }

  /** CloudTrail's digestPublicKeyFingerprint: hex MD5 of the DER PKCS#1 public key. */
  public static String fingerprint(byte[] pkcs1) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pkcs1));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is part of every Java runtime", e);
    }
  }

  /** The public key as PEM ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo), as openssl reads. */
  public static String pem(byte[] pkcs1) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(fromPkcs1(pkcs1).getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** The DER PKCS#1 bytes of a PEM {@code PUBLIC KEY} or {@code RSA PUBLIC KEY}. */
  public static byte[] fromPem(String pem) {
    boolean pkcs1 = pem.contains("BEGIN RSA PUBLIC KEY");
    if (!pkcs1 && !pem.contains("BEGIN PUBLIC KEY")) {
      throw new IllegalArgumentException("no PEM public key (BEGIN PUBLIC KEY or BEGIN RSA "
          + "PUBLIC KEY) found");
    }
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    if (pkcs1) {
      fromPkcs1(der); // fails on anything else
      return der;
    }
    try {
      return pkcs1(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an RSA public key", e);
    }
  }

  public static PrivateKey privateKey(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an RSA private key", e);
    }
  }

  /** Hex SHA256withRSA signature of the UTF-8 bytes of {@code text}. */
  public static String sign(PrivateKey key, String text) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** Whether {@code hexSignature} is {@code key}'s SHA256withRSA signature of {@code text}. */
  public static boolean verify(PublicKey key, String text, String hexSignature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return s.verify(HexFormat.of().parseHex(hexSignature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
