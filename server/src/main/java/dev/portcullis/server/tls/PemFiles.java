package dev.portcullis.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes PEM files: certificate chains, and unencrypted private keys in PKCS#8
 * ({@code PRIVATE KEY}) or the older RSA and EC forms ({@code RSA PRIVATE KEY},
 * {@code EC PRIVATE KEY}), of any algorithm the JDK knows (RSA, EC, Ed25519).
 */
public final class PemFiles {
  private PemFiles() {}

  /** The identity in a certificate file (the server's certificate first) and a key file. */
  public static TlsIdentity read(Path certificateFile, Path keyFile) {
    return new TlsIdentity(privateKey(keyFile), certificates(certificateFile));
  }

  static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    try (PEMParser pem = parser(file)) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException("cannot read certificates from " + file + ": "
          + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM certificate");
    }
    return chain;
  }

  static PrivateKey privateKey(Path file) {
    try (PEMParser pem = parser(file)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (o.getClass().getSimpleName().contains("Encrypted")) {
          throw new IllegalArgumentException(file + " holds an encrypted key: give the key "
              + "unencrypted (e.g. openssl pkcs8 -topk8 -nocrypt) in a file only you can read");
        }
      }
    } catch (PEMException e) {
      throw new IllegalArgumentException("cannot read the private key in " + file + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(file + " holds no PEM private key");
  }

  /** The PEM text of a certificate. */
  public static String pem(X509Certificate certificate) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new JcaMiscPEMGenerator(certificate));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The PEM text of a private key, in PKCS#8 ({@code PRIVATE KEY}). */
  public static String pem(PrivateKey key) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static PEMParser parser(Path file) throws IOException {
    Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    return new PEMParser(reader);
  }
}
