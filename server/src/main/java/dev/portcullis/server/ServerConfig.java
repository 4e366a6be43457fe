package dev.portcullis.server;

import java.nio.file.Path;

/**
 * How to run a server.
 *
 * @param databaseUrl a JDBC URL, or null for SQLite in the data directory
 * @param accountId the account to create on first start, or null for a random one
 */
public record ServerConfig(String host, int port, Path dataDir, String databaseUrl,
    String databaseUser, String databasePassword, String accountId) {

  public static final int DEFAULT_PORT = 9400;

  /** Local defaults: 127.0.0.1, an embedded store in {@code dataDir}. */
  public static ServerConfig local(Path dataDir, int port) {
    return new ServerConfig("127.0.0.1", port, dataDir, null, null, null, null);
  }
}
