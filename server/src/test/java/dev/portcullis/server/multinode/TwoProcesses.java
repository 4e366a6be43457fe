package dev.portcullis.server.multinode;

import dev.portcullis.server.testing.NodeCluster;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.server.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Two {@code portcullis serve} processes, A and B, with their default options (LISTEN/NOTIFY on,
 * 1 s fallback) and one master key, on a PostgreSQL server of their own made from Debian's
 * binaries: nodes as an operator runs them.
 */
final class TwoProcesses implements NodePair {
  private final PostgresServer postgres;
  private final NodeCluster nodes;
  private final Path dir;
  private final AwsBasicCredentials admin;

  private TwoProcesses(PostgresServer postgres, NodeCluster nodes, Path dir,
      AwsBasicCredentials admin) {
    this.postgres = postgres;
    this.nodes = nodes;
    this.dir = dir;
    this.admin = admin;
  }

  /** Starts PostgreSQL, then both nodes at once on a new database. */
  static TwoProcesses start() throws Exception {
    PostgresServer postgres = PostgresServer.startNew();
    Path dir = Files.createTempDirectory("portcullis-nodes");
    try {
      NodeCluster nodes = NodeCluster.start(dir, postgres, 2);
      return new TwoProcesses(postgres, nodes, dir, nodes.adminCredentials());
    } catch (Exception | Error e) {
      postgres.close();
      ServerExtension.deleteTree(dir);
      throw e;
    }
  }

  @Override
  public AwsBasicCredentials admin() {
    return admin;
  }

  @Override
  public IamClient iamOnA(AwsBasicCredentials credentials) {
    return nodes.node(0).iam(credentials);
  }

  @Override
  public IamClient iamOnB(AwsBasicCredentials credentials) {
    return nodes.node(1).iam(credentials);
  }

  @Override
  public void close() throws Exception {
    try {
      nodes.close();
    } finally {
      postgres.close();
      ServerExtension.deleteTree(dir);
    }
  }
}
