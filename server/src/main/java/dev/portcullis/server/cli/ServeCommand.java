package dev.portcullis.server.cli;

import dev.portcullis.server.MasterKey;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
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
      new Options.Spec("master-key-file", "FILE", "the master key that wraps the data key in "
          + "the database: base64 of 32 bytes, the same on every node (default: "
          + MasterKey.ENVIRONMENT + " if set, else master.key in the data directory)"),
      new Options.Spec("container-credentials-role", "NAME", "vend sessions of the role NAME "
          + "(whose trust allows ecs-tasks.amazonaws.com) to the AWS SDKs at "
          + "/container-credentials/NAME; may be given more than once"));
  static final String SYNOPSIS = "portcullis serve [OPTIONS]";
  static final String DESCRIPTION = "Serve IAM and STS on one endpoint (http://HOST:PORT/).";

  private ServeCommand() {}

  /**
   * The master key given by {@code --master-key-file} or {@value MasterKey#ENVIRONMENT}, or
   * null for the data directory's {@code master.key}.
   */
  static MasterKey masterKey(Options o) {
    String file = o.get("master-key-file", null);
    String env = System.getenv(MasterKey.ENVIRONMENT);
    if (file == null && (env == null || env.isBlank())) {
      return null;
    }
    if (file != null && MasterKey.readableByOthers(Path.of(file))) {
      System.err.printf("warning: the master key file %s is readable by other users; "
          + "chmod 600 it%n", file);
    }
    return MasterKey.resolve(file == null ? null : Path.of(file), env, null);
  }

  static int run(Options o) throws Exception {
    ServerConfig config = new ServerConfig(o.get("host", "127.0.0.1"),
        o.integer("port", ServerConfig.DEFAULT_PORT),
        Path.of(o.get("data-dir", "portcullis-data")), o.get("database-url", null),
        o.get("database-user", null),
        System.getenv(o.get("database-password-env", "PORTCULLIS_DATABASE_PASSWORD")),
        o.get("account-id", null)).withContainerCredentialsRoles(
            o.all("container-credentials-role"))
        .withMasterKey(masterKey(o));
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
    if (!server.bootstrapped()) {
      System.err.printf("account %s already exists; not bootstrapping%n", server.accountId());
    }
    if (Files.exists(server.dataDirectory().credentialsFile())) {
      System.err.printf("Administrator credentials (profile 'portcullis'): %s%n",
          server.dataDirectory().credentialsFile());
    }
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
}
