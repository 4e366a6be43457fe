package dev.portcullis.server;

import dev.portcullis.server.http.EdgeLimits;
import dev.portcullis.server.tls.PemFiles;
import dev.portcullis.server.tls.TlsIdentity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the server meets the network: plain HTTP or TLS, and the limits on what one client may
 * hold (see {@link EdgeLimits}).
 */
public record EdgeConfig(EdgeLimits limits, Tls tls) {

  /** Where the TLS key and certificate come from, if anywhere. */
  public sealed interface Tls {
    /** Plain HTTP: for loopback only. */
    record Off() implements Tls {}

    /** A certificate chain and a private key in PEM files. */
    record CertificateFiles(Path certificateFile, Path keyFile) implements Tls {}

    /** A certificate made on first start and kept in the data directory. */
    record SelfSigned() implements Tls {}
  }

  /** Plain HTTP with the default limits. */
  public static EdgeConfig defaults() {
    return new EdgeConfig(EdgeLimits.defaults(), new Tls.Off());
  }

  /** This edge over {@code other} TLS. */
  public EdgeConfig withTls(Tls other) {
    return new EdgeConfig(limits, other);
  }

  /** This edge with other limits. */
  public EdgeConfig withLimits(EdgeLimits other) {
    return new EdgeConfig(other, tls);
  }

  /** The key and certificate to serve with, when TLS is on. */
  Optional<TlsIdentity> identity(DataDirectory dir, String host) {
    if (tls instanceof Tls.CertificateFiles files) {
      return Optional.of(PemFiles.read(files.certificateFile(), files.keyFile()));
    }
    return tls instanceof Tls.SelfSigned ? Optional.of(dir.selfSignedTls(host))
        : Optional.empty();
  }

  /**
   * The start-up warning for serving plain HTTP beyond loopback, where secret keys, session
   * tokens and passwords would cross the network readable by anyone on the path.
   */
  public Optional<String> plainHttpWarning(String host) {
    if (!(tls instanceof Tls.Off) || isLoopback(host)) {
      return Optional.empty();
    }
    return Optional.of("WARNING: serving plain HTTP on " + host + ", beyond loopback: secret "
        + "access keys, session tokens and passwords cross the network unencrypted. Use "
        + "--tls-cert/--tls-key or --tls-self-signed, or listen on 127.0.0.1.");
  }

  /** Whether every address {@code host} names is a loopback address. */
  static boolean isLoopback(String host) {
    if (host.isEmpty()) {
      return false; // Jetty listens on every interface
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress a : addresses) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
