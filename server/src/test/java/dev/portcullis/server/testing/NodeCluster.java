package dev.portcullis.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * Several {@code portcullis serve} processes on one PostgreSQL database, all given one master
 * key in {@code PORTCULLIS_MASTER_KEY}, as an operator runs them behind a load balancer. Each
 * node has its own data directory ({@code workDir/nodeN}) and log ({@code workDir/nodeN.log}).
 *
 * <pre>{@code
 * try (NodeCluster nodes = NodeCluster.start(tmp, PostgresServer.shared(), 2)) {
 *   IamClient a = nodes.node(0).iam(nodes.adminCredentials());
 *   IamClient b = nodes.node(1).iam(nodes.adminCredentials());
 *   try (Connection sql = nodes.sql()) { ... check invariants ... }
 * }
 * }</pre>
 */
public final class NodeCluster implements AutoCloseable {
  private final Path workDir;
  private final PostgresServer postgres;
  private final String jdbcUrl;
  private final Map<String, String> environment;
  private final List<String> options;
  private final List<ServerProcess> nodes = new ArrayList<>();

  private NodeCluster(Path workDir, PostgresServer postgres, String jdbcUrl,
      Map<String, String> environment, List<String> options) {
    this.workDir = workDir;
    this.postgres = postgres;
    this.jdbcUrl = jdbcUrl;
    this.environment = environment;
    this.options = options;
  }

  /**
   * Starts {@code count} nodes at the same moment on a new, empty database of {@code pg}, each
   * (and each node added later) with the {@code serve} options {@code options}.
   */
  public static NodeCluster start(Path workDir, PostgresServer pg, int count, String... options)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    NodeCluster cluster = new NodeCluster(workDir, pg, pg.createDatabase(),
        Map.of("PORTCULLIS_MASTER_KEY", randomMasterKey()), List.of(options));
    ExecutorService starter = Executors.newFixedThreadPool(count);
    try {
      List<Future<ServerProcess>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        started.add(starter.submit(() -> cluster.launch(n)));
      }
      for (Future<ServerProcess> f : started) {
        try {
          cluster.nodes.add(f.get());
        } catch (ExecutionException e) {
          cluster.close();
          throw new IOException("a node did not start", e.getCause());
        }
      }
    } finally {
      starter.shutdown();
    }
    return cluster;
  }

  /** Starts one more node on the same database with the same master key. */
  public ServerProcess addNode(String... extraOptions) throws IOException, InterruptedException {
    ServerProcess node = launch(nodes.size(), extraOptions);
    nodes.add(node);
    return node;
  }

  private ServerProcess launch(int n, String... extraOptions)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(postgres.serveOptions(jdbcUrl));
    all.addAll(options);
    all.addAll(List.of(extraOptions));
    return ServerProcess.start(workDir.resolve("node" + n), workDir.resolve("node" + n + ".log"),
        environment, all);
  }

  /** Base64 of 32 random bytes: a master key as an operator makes one. */
  public static String randomMasterKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  public ServerProcess node(int index) {
    return nodes.get(index);
  }

  public List<ServerProcess> nodes() {
    return List.copyOf(nodes);
  }

  /** The bootstrap administrator's key, from the data directory of the node that created it. */
  public AwsBasicCredentials adminCredentials() throws IOException {
    for (int i = 0; i < nodes.size(); i++) {
      Path file = workDir.resolve("node" + i).resolve("credentials");
      if (Files.exists(file)) {
        return CredentialsFile.read(file, "portcullis");
      }
    }
    throw new IOException("no node wrote the administrator's credentials");
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The options that put an offline command ({@code portcullis audit ...}) on the database. */
  public List<String> storeOptions() {
    return postgres.serveOptions(jdbcUrl);
  }

  /** The environment every node is started with (the shared master key). */
  public Map<String, String> environment() {
    return environment;
  }

  /** A connection to the nodes' database, for checking invariants in SQL. */
  public Connection sql() throws SQLException {
    return postgres.connect(jdbcUrl);
  }

  @Override
  public void close() throws InterruptedException {
    for (ServerProcess node : nodes) {
      node.close();
    }
  }
}
