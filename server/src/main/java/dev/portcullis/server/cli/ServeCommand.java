package dev.portcullis.server.cli;

import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis serve}: runs the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve IAM and STS on one endpoint (http://HOST:PORT/).")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", description = "TCP port (default: ${DEFAULT-VALUE}).")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--data-dir", description = "Data directory: database, master key and "
      + "bootstrap credentials (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("portcullis-data");

  @Option(names = "--account-id", description = "12-digit account id to create on first start "
      + "(default: random).")
  String accountId;

  @Option(names = "--database-url", description = "JDBC URL of a PostgreSQL database, e.g. "
      + "jdbc:postgresql://localhost/portcullis (default: SQLite in the data directory).")
  String databaseUrl;

  @Option(names = "--database-user", description = "Database user.")
  String databaseUser;

  @Option(names = "--database-password-env", description = "Name of the environment variable "
      + "holding the database password (default: ${DEFAULT-VALUE}).")
  String databasePasswordEnv = "PORTCULLIS_DATABASE_PASSWORD";

  @Override
  public Integer call() throws Exception {
    ServerConfig config = new ServerConfig(host, port, dataDir, databaseUrl, databaseUser,
        System.getenv(databasePasswordEnv), accountId);
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
        host, server.port(), server.accountId());
    System.err.printf("Administrator credentials (profile 'portcullis'): %s%n",
        server.dataDirectory().credentialsFile());
    stopped.await();
    return 0;
  }
}
