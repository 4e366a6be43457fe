package dev.portcullis.server;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How to run a server.
 *
 * @param databaseUrl a JDBC URL, or null for SQLite in the data directory
 * @param accountId the account to create on first start, or null for a random one
 * @param clock the server's time: request signatures, credential expiry, every timestamp
 */
public record ServerConfig(String host, int port, Path dataDir, String databaseUrl,
    String databaseUser, String databasePassword, String accountId, Clock clock) {

  public static final int DEFAULT_PORT = 9400;

  /** A config on the system clock (UTC). */
  public ServerConfig(String host, int port, Path dataDir, String databaseUrl,
      String databaseUser, String databasePassword, String accountId) {
    this(host, port, dataDir, databaseUrl, databaseUser, databasePassword, accountId,
        Clock.systemUTC());
  }

  /** Local defaults: 127.0.0.1, an embedded store in {@code dataDir}. */
  public static ServerConfig local(Path dataDir, int port) {
    return new ServerConfig("127.0.0.1", port, dataDir, null, null, null, null);
  }

  /** This config on another clock (tests move time). */
  public ServerConfig withClock(Clock other) {
    return new ServerConfig(host, port, dataDir, databaseUrl, databaseUser, databasePassword,
        accountId, other);
  }
}
