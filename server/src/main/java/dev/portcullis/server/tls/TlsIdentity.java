package dev.portcullis.server.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/** The server's TLS key and its certificate chain (the server's own certificate first). */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
  public TlsIdentity {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a TLS identity needs a certificate");
    }
  }

  /** The server's certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The SHA-256 fingerprint of the certificate, as {@code openssl x509 -fingerprint} prints. */
  public String sha256Fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint the certificate", e);
    }
  }

  /** An in-memory key store holding this identity, for Jetty's TLS context. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("portcullis", key, password, chain.toArray(new X509Certificate[0]));
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot hold the TLS key in a key store", e);
    }
  }
}
