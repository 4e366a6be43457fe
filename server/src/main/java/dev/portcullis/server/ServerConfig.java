package dev.portcullis.server;

import dev.portcullis.server.console.ConsoleConfig;
import dev.portcullis.store.Propagation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How to run a server.
 *
 * @param databaseUrl a JDBC URL, or null for SQLite in the data directory
 * @param accountId the account to create on first start, or null for a random one
 * @param clock the server's time: request signatures, credential expiry, every timestamp
 * @param containerCredentialsRoles the roles whose sessions the container-credentials endpoint
 *     vends (empty: the endpoint is off)
 * @param propagation how this node learns of other nodes' changes on a shared database
 * @param masterKey the key that wraps the data key in the database, or null for {@code
 *     master.key} in the data directory (created on first start)
 * @param audit whether and how long the audit trail is kept
 * @param root the root user's first-start e-mail and password, and whether it may have access
 *     keys (the console reads {@code root().accessKeys()} to show root keys red)
 * @param console the web console's session limits
 */
public record ServerConfig(String host, int port, Path dataDir, String databaseUrl,
    String databaseUser, String databasePassword, String accountId, Clock clock,
    List<String> containerCredentialsRoles, Propagation propagation, MasterKey masterKey,
    AuditConfig audit, RootConfig root, ConsoleConfig console) {

  public static final int DEFAULT_PORT = 9400;

  public ServerConfig {
    containerCredentialsRoles = List.copyOf(containerCredentialsRoles);
    root = root == null ? RootConfig.DEFAULT : root;
    console = console == null ? ConsoleConfig.DEFAULTS : console;
  }

  /** A config with the default root user settings. */
  public ServerConfig(String host, int port, Path dataDir, String databaseUrl,
      String databaseUser, String databasePassword, String accountId, Clock clock,
      List<String> containerCredentialsRoles, Propagation propagation, MasterKey masterKey,
      AuditConfig audit) {
    this(host, port, dataDir, databaseUrl, databaseUser, databasePassword, accountId, clock,
        containerCredentialsRoles, propagation, masterKey, audit, RootConfig.DEFAULT,
        ConsoleConfig.DEFAULTS);
  }

  /** A config with the default audit digest interval. */
  public ServerConfig(String host, int port, Path dataDir, String databaseUrl,
      String databaseUser, String databasePassword, String accountId, Clock clock,
      List<String> containerCredentialsRoles, Propagation propagation, MasterKey masterKey) {
    this(host, port, dataDir, databaseUrl, databaseUser, databasePassword, accountId, clock,
        containerCredentialsRoles, propagation, masterKey, AuditConfig.DEFAULT);
  }

  /** A config with the default propagation of other nodes' changes. */
  public ServerConfig(String host, int port, Path dataDir, String databaseUrl,
      String databaseUser, String databasePassword, String accountId, Clock clock,
      List<String> containerCredentialsRoles) {
    this(host, port, dataDir, databaseUrl, databaseUser, databasePassword, accountId, clock,
        containerCredentialsRoles, Propagation.DEFAULT, null, AuditConfig.DEFAULT);
  }

  /** A config on {@code clock} without the container-credentials endpoint. */
  public ServerConfig(String host, int port, Path dataDir, String databaseUrl,
      String databaseUser, String databasePassword, String accountId, Clock clock) {
    this(host, port, dataDir, databaseUrl, databaseUser, databasePassword, accountId, clock,
        List.of());
  }

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
        accountId, other, containerCredentialsRoles, propagation, masterKey, audit, root, console);
  }

  /** This config vending sessions of {@code roles} at /container-credentials/NAME. */
  public ServerConfig withContainerCredentialsRoles(List<String> roles) {
    return new ServerConfig(host, port, dataDir, databaseUrl, databaseUser, databasePassword,
        accountId, clock, roles, propagation, masterKey, audit, root, console);
  }

  /** This config learning of other nodes' changes as {@code other} says. */
  public ServerConfig withPropagation(Propagation other) {
    return new ServerConfig(host, port, dataDir, databaseUrl, databaseUser, databasePassword,
        accountId, clock, containerCredentialsRoles, other, masterKey, audit, root, console);
  }

  /** Leaves the database password out (a record would print it), should a config be logged. */
  @Override
  public String toString() {
    return "ServerConfig[" + host + ":" + port + ", " + dataDir + ", "
        + (databaseUrl == null ? "SQLite" : "PostgreSQL") + ", " + masterKey + "]";
  }

  /** This config with the master key given by file or environment (null: the data dir's). */
  public ServerConfig withMasterKey(MasterKey key) {
    return new ServerConfig(host, port, dataDir, databaseUrl, databaseUser, databasePassword,
        accountId, clock, containerCredentialsRoles, propagation, key, audit, root, console);
  }

  /** This config keeping its audit trail as {@code other} says. */
  public ServerConfig withAudit(AuditConfig other) {
    return new ServerConfig(host, port, dataDir, databaseUrl, databaseUser, databasePassword,
        accountId, clock, containerCredentialsRoles, propagation, masterKey, other, root, console);
  }

  /** This config with the root user's settings {@code other}. */
  public ServerConfig withRoot(RootConfig other) {
    return new ServerConfig(host, port, dataDir, databaseUrl, databaseUser, databasePassword,
        accountId, clock, containerCredentialsRoles, propagation, masterKey, audit, other,
        console);
  }

  /** This config with the console's session limits {@code other}. */
  public ServerConfig withConsole(ConsoleConfig other) {
    return new ServerConfig(host, port, dataDir, databaseUrl, databaseUser, databasePassword,
        accountId, clock, containerCredentialsRoles, propagation, masterKey, audit, root, other);
  }
}
