package dev.portcullis.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for tests, run from Debian's binaries
 * ({@code /usr/lib/postgresql/VERSION/bin}, package {@code postgresql}) in a temporary directory
 * on a free loopback port, with trust authentication for the user {@value #USER}. PostgreSQL
 * refuses to run as root, so as root the cluster runs as the {@code postgres} user.
 *
 * <p>{@link #shared()} is one cluster per test JVM for tests that only need a database ({@link
 * #createDatabase()} gives each test its own); a test that stops the server ({@link #stop()},
 * {@link #start()}) starts a cluster of its own with {@link #startNew()} and closes it.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "postgres";
  private static final Random RANDOM = new Random();
  private static PostgresServer shared;
  private final Path bin;
  private final Path dir;
  private int port;
  private final boolean asPostgresUser;

  private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The cluster shared by every test of this JVM, started on first use, stopped at exit. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      PostgresServer server = startNew();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-test-stop"));
      shared = server;
    }
    return shared;
  }

  /** A new cluster of the caller's own, already accepting connections; close it when done. */
  public static PostgresServer startNew() {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException(
        "PostgreSQL is not installed: these tests need Debian's postgresql package "
        + "(apt-get install postgresql; .ci/run installs it)"));
    try {
      boolean root = isRoot();
      Path dir = Files.createTempDirectory("portcullis-pg");
      if (root) {
        exec(List.of("chown", USER + ":", dir.toString()));
      }
      PostgresServer server = new PostgresServer(bin, dir, freePort(), root);
      try {
        exec(server.command("initdb", "-D", server.data().toString(), "-U", USER,
            "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"));
        for (int attempt = 1; ; attempt++) {
          try {
            server.start();
            return server;
          } catch (IllegalStateException e) {
            // Another process took the port between our probe and the server's bind.
            if (attempt == 5 || !server.log().contains("Address already in use")) {
              throw e;
            }
            server.port = freePort();
          }
        }
      } catch (RuntimeException e) {
        deleteQuietly(dir);
        throw new IllegalStateException(e.getMessage() + "\n" + server.log(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether Debian's PostgreSQL binaries are installed. */
  public static boolean installed() {
    return binaries().isPresent();
  }

  private static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb"))
              && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString().split("\\.")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Starts the server (again) on its port and waits until it accepts connections. */
  public void start() {
    exec(command("pg_ctl", "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            + " -c max_connections=300",
        "start"));
  }

  /** Stops the server at once (fast shutdown: open connections are cut), keeping its data. */
  public void stop() {
    exec(command("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop"));
  }

  public int port() {
    return port;
  }

  /** A new, empty database; returns its JDBC URL. */
  public String createDatabase() {
    String name = "p" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a database", e);
    }
    return jdbcUrl(name);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A connection (auto-commit) to the database of {@code jdbcUrl} or of that name. */
  public Connection connect(String databaseOrUrl) throws SQLException {
    String url = databaseOrUrl.startsWith("jdbc:") ? databaseOrUrl : jdbcUrl(databaseOrUrl);
    return DriverManager.getConnection(url, USER, "");
  }

  /** The {@code serve} options that put a node on the database of {@code jdbcUrl}. */
  public List<String> serveOptions(String jdbcUrl) {
    return List.of("--database-url", jdbcUrl, "--database-user", USER);
  }

  /** The server's own log, for a test's failure message. */
  public String log() {
    try {
      Path log = dir.resolve("postgres.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    try {
      if (Files.exists(data().resolve("postmaster.pid"))) {
        stop();
      }
    } catch (RuntimeException e) {
      // the directory goes anyway
    }
    deleteQuietly(dir);
  }

  private Path data() {
    return dir.resolve("data");
  }

  private List<String> command(String program, String... args) {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", USER, "--"));
    }
    cmd.add(bin.resolve(program).toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static boolean isRoot() {
    try {
      Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      return out.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void exec(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * A free loopback port below Linux's ephemeral range (32768 and up), where outgoing
   * connections would otherwise take the port again before the server binds it or when it
   * restarts on it.
   */
  private static int freePort() throws IOException {
    for (int i = 0; i < 100; i++) {
      int candidate = 20_000 + RANDOM.nextInt(12_000);
      try (ServerSocket s = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free loopback port between 20000 and 32000");
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory; the OS cleans it up eventually
    }
  }
}
