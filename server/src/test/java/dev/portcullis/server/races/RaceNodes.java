package dev.portcullis.server.races;

import dev.portcullis.iam.store.Store;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.CredentialsFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The nodes a race runs against: one in-process server on SQLite, or two in-process servers,
 * each with its own connection pool, on one PostgreSQL database; plus SQL access to that
 * database to check invariants after the race. Clients never retry, so every answer counts.
 */
final class RaceNodes implements AutoCloseable {
  private static EmbeddedPostgres postgres;
  private final List<PortcullisServer> servers;
  private final List<IamClient> clients;
  private final List<Path> dirs;
  private final String jdbcUrl;
  private final String dbUser;

  private RaceNodes(List<PortcullisServer> servers, List<Path> dirs, String jdbcUrl,
      String dbUser) throws IOException {
    this.servers = servers;
    this.dirs = dirs;
    this.jdbcUrl = jdbcUrl;
    this.dbUser = dbUser;
    AwsBasicCredentials admin = CredentialsFile.read(
        servers.get(0).dataDirectory().credentialsFile(), "portcullis");
    this.clients = new ArrayList<>();
    for (PortcullisServer s : servers) {
      clients.add(IamClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + s.port()))
          .region(Region.AWS_GLOBAL).credentialsProvider(StaticCredentialsProvider.create(admin))
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
          .httpClient(UrlConnectionHttpClient.create()).build());
    }
  }

  /** One server on SQLite in its data directory. */
  static RaceNodes sqlite() throws Exception {
    Path dir = Files.createTempDirectory("portcullis-race");
    PortcullisServer server = PortcullisServer.start(ServerConfig.local(dir, 0));
    return new RaceNodes(List.of(server), List.of(dir),
        "jdbc:sqlite:" + server.dataDirectory().database(), null);
  }

  /**
   * {@code count} servers on one new PostgreSQL database. The first creates the master key;
   * the others get a copy of it before they start, as an operator would copy it today.
   */
  static RaceNodes postgres(int count) throws Exception {
    String url = newPostgresDatabase();
    List<PortcullisServer> servers = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path dir = Files.createTempDirectory("portcullis-race");
      if (i > 0) {
        Files.copy(dirs.get(0).resolve("master.key"), dir.resolve("master.key"));
      }
      dirs.add(dir);
      servers.add(PortcullisServer.start(new ServerConfig("127.0.0.1", 0, dir, url, "postgres",
          "postgres", null)));
    }
    return new RaceNodes(servers, dirs, url, "postgres");
  }

  private static synchronized String newPostgresDatabase() throws IOException, SQLException {
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    String db = "race" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    }
    return postgres.getJdbcUrl("postgres", db);
  }

  int size() {
    return clients.size();
  }

  /**
   * How many races a test should run to hit a window it aims at with {@code wanted} races on
   * PostgreSQL. On SQLite writes are serialized, every race is alike and one suffices (its
   * commits are also slower: each syncs to disk).
   */
  int rounds(int wanted) {
    return dbUser == null ? 1 : wanted;
  }

  /** The client of the node that serves request {@code i} of a race (round robin). */
  IamClient iam(int i) {
    return clients.get(i % clients.size());
  }

  /** The endpoint of node {@code i}, for clients with other credentials. */
  String endpoint(int i) {
    return "http://127.0.0.1:" + servers.get(i).port();
  }

  String accountId() {
    return servers.get(0).accountId();
  }

  /** The single number {@code query} selects, read straight from the database. */
  long count(String query, Object... args) {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The store of the first node, to set up a large state in one transaction. */
  Store store() {
    return servers.get(0).store();
  }

  /** The strings of the first column {@code query} selects. */
  List<String> strings(String query, Object... args) {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connection connect() throws SQLException {
    return dbUser == null ? DriverManager.getConnection(jdbcUrl)
        : DriverManager.getConnection(jdbcUrl, dbUser, "postgres");
  }

  @Override
  public void close() throws Exception {
    for (IamClient c : clients) {
      c.close();
    }
    for (PortcullisServer s : servers) {
      s.close();
    }
    for (Path dir : dirs) {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
