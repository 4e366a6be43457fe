package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which addresses count as loopback for the plain-HTTP warning. */
class EdgeConfigTest {
  private final EdgeConfig plain = EdgeConfig.defaults();

  @Test
  void plainHttpWarning_onLoopbackAddresses_isNone() {
    assertThat(plain.plainHttpWarning("127.0.0.1")).isEmpty();
    assertThat(plain.plainHttpWarning("127.0.0.7")).isEmpty();
    assertThat(plain.plainHttpWarning("::1")).isEmpty();
    assertThat(plain.plainHttpWarning("localhost")).isEmpty();
  }

  @Test
  void plainHttpWarning_onEveryInterfaceOrANonLoopbackAddress_warns() throws Exception {
    assertThat(plain.plainHttpWarning("0.0.0.0")).get().asString()
        .contains("plain HTTP", "beyond loopback");
    assertThat(plain.plainHttpWarning("")).isPresent();
    assertThat(plain.plainHttpWarning("::")).isPresent();
    Optional<String> local = nonLoopbackLocalAddress();
    local.ifPresent(address -> assertThat(plain.plainHttpWarning(address)).isPresent());
  }

  @Test
  void plainHttpWarning_overTls_isNone() {
    EdgeConfig tls = plain.withTls(new EdgeConfig.Tls.CertificateFiles(Path.of("c"),
        Path.of("k")));

    assertThat(tls.plainHttpWarning("0.0.0.0")).isEmpty();
    assertThat(plain.withTls(new EdgeConfig.Tls.SelfSigned()).plainHttpWarning("0.0.0.0"))
        .isEmpty();
  }

  private static Optional<String> nonLoopbackLocalAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a.getHostAddress());
        }
      }
    }
    return Optional.empty();
  }
}
