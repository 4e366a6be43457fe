package dev.portcullis.server.races;

import dev.portcullis.iam.store.Store;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.CredentialsFile;
import dev.portcullis.server.testing.NodeCluster;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.server.testing.ServerExtension;
import dev.portcullis.store.JdbcStore;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The nodes a race runs against, reached only through the IAM API and SQL: one in-process
 * server on SQLite, or several real {@code portcullis serve} processes on one PostgreSQL
 * database (as an operator runs them behind a load balancer); plus SQL access to the database
 * to check invariants after the race. Clients never retry, so every
 * answer counts.
 */
final class RaceNodes implements AutoCloseable {
  /** Opens a connection to the nodes' database. */
  @FunctionalInterface
  private interface Database {
    Connection connect() throws SQLException;
  }

  /** Stops the nodes and removes what they wrote. */
  @FunctionalInterface
  private interface Shutdown {
    void run() throws Exception;
  }

  private final List<IamClient> clients;
  private final List<URI> endpoints;
  private final Store store;
  private final Database database;
  private final boolean serializedWrites;
  private final Shutdown shutdown;
  private final String accountId;

  private RaceNodes(List<IamClient> clients, List<URI> endpoints, Store store,
      Database database, boolean serializedWrites, Shutdown shutdown) {
    this.clients = clients;
    this.endpoints = endpoints;
    this.store = store;
    this.database = database;
    this.serializedWrites = serializedWrites;
    this.shutdown = shutdown;
    this.accountId = strings("SELECT account_id FROM accounts").get(0);
  }

  /** One server in this JVM on SQLite in its data directory. */
  static RaceNodes sqlite() throws Exception {
    Path dir = Files.createTempDirectory("portcullis-race");
    PortcullisServer server = PortcullisServer.start(ServerConfig.local(dir, 0));
    AwsBasicCredentials admin = CredentialsFile.read(
        server.dataDirectory().credentialsFile(), "portcullis");
    URI endpoint = URI.create("http://127.0.0.1:" + server.port());
    String url = "jdbc:sqlite:" + server.dataDirectory().database();
    List<IamClient> clients = List.of(client(endpoint, admin));
    return new RaceNodes(clients, List.of(endpoint), server.store(),
        () -> DriverManager.getConnection(url), true, () -> {
      clients.forEach(IamClient::close);
      server.close();
      ServerExtension.deleteTree(dir);
    });
  }

  /**
   * {@code count} {@code serve} processes, each its own JVM with its own connection pool, on a
   * new database of the test JVM's PostgreSQL server, all given one master key.
   */
  static RaceNodes postgresProcesses(int count) throws Exception {
    Path dir = Files.createTempDirectory("portcullis-race");
    NodeCluster cluster = NodeCluster.start(dir, PostgresServer.shared(), count);
    AwsBasicCredentials admin = cluster.adminCredentials();
    List<IamClient> clients = new ArrayList<>();
    List<URI> endpoints = new ArrayList<>();
    cluster.nodes().forEach(node -> {
      clients.add(client(node.endpoint(), admin));
      endpoints.add(node.endpoint());
    });
    JdbcStore store = JdbcStore.open(cluster.jdbcUrl(), PostgresServer.USER, "");
    return new RaceNodes(List.copyOf(clients), List.copyOf(endpoints), store, cluster::sql,
        false, () -> {
      clients.forEach(IamClient::close);
      store.close();
      cluster.close();
      ServerExtension.deleteTree(dir);
    });
  }

  private static IamClient client(URI endpoint, AwsBasicCredentials credentials) {
    return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .httpClient(UrlConnectionHttpClient.create()).build();
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
    return serializedWrites ? 1 : wanted;
  }

  /** The client of the node that serves request {@code i} of a race (round robin). */
  IamClient iam(int i) {
    return clients.get(i % clients.size());
  }

  /** The endpoint of node {@code i}, for clients with other credentials. */
  String endpoint(int i) {
    return endpoints.get(i % endpoints.size()).toString();
  }

  /**
   * A store on the nodes' database, for setting up what would take thousands of requests (the
   * nodes hear of its writes as of any other node's).
   */
  Store store() {
    return store;
  }

  String accountId() {
    return accountId;
  }

  /** The single number {@code query} selects, read straight from the database. */
  long count(String query, Object... args) {
    try (Connection c = database.connect(); PreparedStatement ps = bind(c, query, args);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The strings of the first column {@code query} selects. */
  List<String> strings(String query, Object... args) {
    try (Connection c = database.connect(); PreparedStatement ps = bind(c, query, args);
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PreparedStatement bind(Connection c, String query, Object... args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(query);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  @Override
  public void close() throws Exception {
    shutdown.run();
  }

}
