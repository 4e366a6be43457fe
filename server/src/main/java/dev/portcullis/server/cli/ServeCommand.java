package dev.portcullis.server.cli;

import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.store.Propagation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code portcullis serve}: runs the server until interrupted. */
final class ServeCommand {
  static final List<Options.Spec> OPTIONS = List.of(
      new Options.Spec("port", "PORT", "TCP port (default: " + ServerConfig.DEFAULT_PORT + ")"),
      new Options.Spec("host", "HOST", "address to listen on (default: 127.0.0.1)"),
      new Options.Spec("data-dir", "DIR", "database, master key and bootstrap credentials "
          + "(default: portcullis-data)"),
      new Options.Spec("account-id", "ID", "12-digit account id to create on first start "
          + "(default: random)"),
      new Options.Spec("database-url", "URL", "PostgreSQL JDBC URL, e.g. "
          + "jdbc:postgresql://localhost/portcullis (default: SQLite in the data directory)"),
      new Options.Spec("database-user", "USER", "database user"),
      new Options.Spec("database-password-env", "VAR", "environment variable holding the "
          + "database password (default: PORTCULLIS_DATABASE_PASSWORD)"),
      new Options.Spec("container-credentials-role", "NAME", "vend sessions of the role NAME "
          + "(whose trust allows ecs-tasks.amazonaws.com) to the AWS SDKs at "
          + "/container-credentials/NAME; may be given more than once"),
      new Options.Spec("max-staleness-ms", "MILLIS", "with a shared PostgreSQL database: how "
          + "long another node's change may go unseen here should its notification be lost "
          + "(default: 1000)"));
  static final String SYNOPSIS = "portcullis serve [OPTIONS]";
  static final String DESCRIPTION = "Serve IAM and STS on one endpoint (http://HOST:PORT/).";

  private ServeCommand() {}

  static int run(Options o) throws Exception {
    ServerConfig config = config(o);
    PortcullisServer server = PortcullisServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e.getMessage());
      } finally {
        stopped.countDown();
      }
    }, "portcullis-shutdown"));
    System.err.printf("Portcullis is serving IAM and STS at http://%s:%d/ for account %s%n",
        config.host(), server.port(), server.accountId());
    System.err.printf("Administrator credentials (profile 'portcullis'): %s%n",
        server.dataDirectory().credentialsFile());
    for (String role : config.containerCredentialsRoles()) {
      System.err.printf("Credentials of the role %s for a workload: run it with%n", role);
      System.err.printf("  export AWS_CONTAINER_CREDENTIALS_FULL_URI=%s%n",
          server.containerCredentialsUri(role));
      System.err.printf("  export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=%s%n",
          server.dataDirectory().containerCredentialsTokenFile());
    }
    stopped.await();
    return 0;
  }

  static ServerConfig config(Options o) throws Options.UsageException {
    int staleness = o.integer("max-staleness-ms",
        (int) Propagation.DEFAULT.maxStaleness().toMillis());
    if (staleness < 1) {
      throw new Options.UsageException("--max-staleness-ms must be at least 1, not "
          + staleness);
    }
    return new ServerConfig(o.get("host", "127.0.0.1"),
        o.integer("port", ServerConfig.DEFAULT_PORT),
        Path.of(o.get("data-dir", "portcullis-data")), o.get("database-url", null),
        o.get("database-user", null),
        System.getenv(o.get("database-password-env", "PORTCULLIS_DATABASE_PASSWORD")),
        o.get("account-id", null)).withContainerCredentialsRoles(
            o.all("container-credentials-role"))
        .withPropagation(Propagation.DEFAULT.withMaxStaleness(Duration.ofMillis(staleness)));
  }
}
