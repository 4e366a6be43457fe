package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A server's configuration holds the database password; printing it never shows it. */
class ServerConfigTest {
  @Test
  void toString_whenTheConfigHasADatabasePassword_leavesItOut() {
    ServerConfig config = new ServerConfig("127.0.0.1", 0, Path.of("data"),
        "jdbc:postgresql://127.0.0.1/iam?password=in-url-secret", "portcullis",
        "hunter2-not-for-logs", null);

    assertThat(config.toString()).doesNotContain("hunter2-not-for-logs")
        .doesNotContain("in-url-secret").contains("PostgreSQL");
  }
}
