package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.ServerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code serve}'s root options put in the config the server (and console) read. */
class ServeRootOptionsTest {
  private static ServerConfig config(String... args) throws Exception {
    return ServeCommand.config(Options.parse(List.of(args), ServeCommand.OPTIONS));
  }

  @Test
  void serve_withoutTheFlag_deniesRootAccessKeys() throws Exception {
    assertThat(config().root().accessKeys().allowed()).isFalse();
  }

  @Test
  void serve_withAllowRootAccessKeys_allowsThem() throws Exception {
    assertThat(config("--allow-root-access-keys").root().accessKeys().allowed()).isTrue();
  }

  @Test
  void serve_withRootEmail_carriesItAndNoPassword_andNeverPrintsAPassword() throws Exception {
    ServerConfig c = config("--root-email", "ops@example.com");

    assertThat(c.root().email()).isEqualTo("ops@example.com");
    assertThat(c.root().toString()).doesNotContain("null").contains("ops@example.com");
  }
}
