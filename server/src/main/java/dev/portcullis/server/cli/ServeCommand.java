package dev.portcullis.server.cli;

import dev.portcullis.server.AuditConfig;
import dev.portcullis.server.console.ConsoleConfig;
import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.MasterKey;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.http.EdgeLimits;
import dev.portcullis.store.Dialect;
import dev.portcullis.store.Propagation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code portcullis serve}: runs the server until interrupted. */
final class ServeCommand {
  static final List<Options.Spec> OPTIONS = concat(List.of(
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
          + "/container-credentials/NAME; may be given more than once"),
      new Options.Spec("max-staleness-ms", "MILLIS", "with a shared PostgreSQL database: how "
          + "long another node's change may go unseen here should its notification be lost "
          + "(default: 1000)"),
      new Options.Spec("tls-cert", "FILE", "serve HTTPS with this PEM certificate chain "
          + "(with --tls-key)"),
      new Options.Spec("tls-key", "FILE", "the PEM private key (PKCS#8, RSA or EC) of "
          + "--tls-cert, unencrypted"),
      Options.Spec.flag("tls-self-signed", "serve HTTPS with a certificate made on first "
          + "start and kept in the data directory"),
      new Options.Spec("max-connections-per-address", "N", "connections open at once from one "
          + "client address (default: " + EdgeLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS + ")"),
      new Options.Spec("max-connections", "N", "connections open at once in all (default: "
          + EdgeLimits.DEFAULT_MAX_CONNECTIONS + ", or 256 below the open-file limit)"),
      new Options.Spec("request-read-timeout", "SECONDS", "time a client has to send a "
          + "request's headers, and its body beyond 16 KiB/s (default: "
          + EdgeLimits.DEFAULT_REQUEST_READ_TIMEOUT.toSeconds() + ")"),
      new Options.Spec("audit-digest-interval", "SECONDS", "make a signed digest of the audit "
          + "trail every SECONDS, periods aligned to the epoch (default: "
          + AuditConfig.DEFAULT.digestInterval().toSeconds() + ", like CloudTrail)"),
      new Options.Spec("audit-retention-days", "N", "keep audit events N days, then remove "
          + "them (default: " + AuditConfig.DEFAULT.retention().toDays() + ", like CloudTrail's "
          + "event history)"),
      Options.Spec.flag("no-audit", "record no audit events: for benchmarks measuring what "
          + "recording costs, never for a server anyone relies on"),
      Options.Spec.flag("allow-root-access-keys", "let the root user create and use access "
          + "keys (off: CreateAccessKey by root is AccessDenied and root keys do not sign)"),
      new Options.Spec("console-idle-timeout", "MINUTES", "end a console session unused this "
          + "long (default: " + ConsoleConfig.DEFAULTS.idleTimeout().toMinutes() + ")"),
      new Options.Spec("console-session-hours", "HOURS", "end a console session this long "
          + "after sign-in, however active (default and AWS's maximum: "
          + ConsoleConfig.AWS_MAXIMUM.toHours() + ")")),
      RootOptions.OPTIONS);

  /**
   * The options that say where the store is and how to open it, shared by the host commands
   * that work on a server's store (root reset, password-policy, rotate-master-key).
   */
  static List<Options.Spec> storeOptions() {
    return new ArrayList<>(OPTIONS.stream().filter(s -> Set.of("data-dir", "database-url",
        "database-user", "database-password-env", "master-key-file").contains(s.name()))
        .toList());
  }

  static final String SYNOPSIS = "portcullis serve [OPTIONS]";
  static final String DESCRIPTION = "Serve IAM and STS on one endpoint (http://HOST:PORT/, "
      + "or https:// with TLS).";

  private ServeCommand() {}

  private static List<Options.Spec> concat(List<Options.Spec> a, List<Options.Spec> b) {
    List<Options.Spec> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

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
    if (file != null) {
      warnIfReadableByOthers(file, "master key");
    }
    return MasterKey.resolve(file == null ? null : Path.of(file), env, null);
  }

  /** Warns when a key file can be read by users other than its owner. */
  static void warnIfReadableByOthers(String file, String what) {
    if (MasterKey.readableByOthers(Path.of(file))) {
      System.err.printf("warning: the %s file %s is readable by other users; chmod 600 it%n",
          what, file);
    }
  }

  private static EdgeConfig edge(Options o) throws Options.UsageException {
    String cert = o.get("tls-cert", null);
    String key = o.get("tls-key", null);
    if ((cert == null) != (key == null)) {
      throw new Options.UsageException("--tls-cert and --tls-key go together");
    }
    if (key != null) {
      warnIfReadableByOthers(key, "TLS key"); // its reader can pose as this server
    }
    if (cert != null && o.flag("tls-self-signed")) {
      throw new Options.UsageException("give either --tls-cert/--tls-key or --tls-self-signed");
    }
    EdgeConfig.Tls tls = cert != null ? new EdgeConfig.Tls.CertificateFiles(Path.of(cert),
        Path.of(key)) : o.flag("tls-self-signed") ? new EdgeConfig.Tls.SelfSigned()
        : new EdgeConfig.Tls.Off();
    EdgeLimits limits = EdgeLimits.defaults();
    int perAddress = positive(o, "max-connections-per-address",
        limits.maxConnectionsPerAddress());
    int total = positive(o, "max-connections", limits.maxConnections());
    int timeout = positive(o, "request-read-timeout",
        (int) limits.requestReadTimeout().toSeconds());
    return new EdgeConfig(limits.withConnectionCaps(perAddress, total)
        .withRequestReadTimeout(Duration.ofSeconds(timeout)), tls);
  }

  private static int positive(Options o, String name, int fallback)
      throws Options.UsageException {
    int value = o.integer(name, fallback);
    if (value < 1) {
      throw new Options.UsageException("--" + name + " must be at least 1");
    }
    return value;
  }

  /**
   * Warns when the database URL holds a password: a command line is visible to every local user
   * (ps, /proc/PID/cmdline), unlike the environment variable meant for it.
   */
  private static void warnIfDatabaseUrlHoldsPassword(String databaseUrl) {
    if (databaseUrl != null && Dialect.holdsPassword(databaseUrl)) {
      System.err.println("warning: the database URL holds a password, which other local users "
          + "can read in the process list; set it in PORTCULLIS_DATABASE_PASSWORD (or the "
          + "variable --database-password-env names) instead");
    }
  }

  static int run(Options o) throws Exception {
    ServerConfig config = config(o).withMasterKey(masterKey(o));
    EdgeConfig edge = edge(o);
    edge.plainHttpWarning(config.host()).ifPresent(System.err::println);
    PortcullisServer server = PortcullisServer.start(config, edge);
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
    // The certificate lines come before the ready line, which scripts wait for.
    server.tls().ifPresent(tls -> System.err.printf(
        "TLS certificate SHA-256 fingerprint: %s%n", tls.sha256Fingerprint()));
    if (edge.tls() instanceof EdgeConfig.Tls.SelfSigned) {
      System.err.printf("Self-signed certificate (for clients' --ca-bundle): %s%n",
          server.dataDirectory().tlsCertificateFile());
    }
    System.err.printf("Portcullis is serving IAM and STS at %s://%s:%d/ for account %s%n",
        server.scheme(), config.host(), server.port(), server.accountId());
    // A person's way in: the sign-in page of the account, on the same port.
    System.err.printf("Web console: %s://%s:%d/signin/%s%n", server.scheme(), config.host(),
        server.port(), server.accountId());
    if (!server.bootstrapped()) {
      System.err.printf("account %s already exists; not bootstrapping%n", server.accountId());
    }
    InitCommand.printRoot(server.initialized(), config.root().password(), System.err);
    if (config.root().accessKeys().allowed()) {
      System.err.println("warning: root access keys are allowed (--allow-root-access-keys); "
          + "the IAM guides advise against them");
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

  static ServerConfig config(Options o) throws Options.UsageException {
    int staleness = positive(o, "max-staleness-ms",
        (int) Propagation.DEFAULT.maxStaleness().toMillis());
    warnIfDatabaseUrlHoldsPassword(o.get("database-url", null));
    return new ServerConfig(o.get("host", "127.0.0.1"),
        o.integer("port", ServerConfig.DEFAULT_PORT),
        Path.of(o.get("data-dir", "portcullis-data")), o.get("database-url", null),
        o.get("database-user", null),
        System.getenv(o.get("database-password-env", "PORTCULLIS_DATABASE_PASSWORD")),
        o.get("account-id", null)).withContainerCredentialsRoles(
            o.all("container-credentials-role"))
        .withPropagation(Propagation.DEFAULT.withMaxStaleness(Duration.ofMillis(staleness)))
        .withAudit(audit(o)).withConsole(console(o))
        .withRoot(RootOptions.config(o, System.getenv(), System.console(),
            o.flag("allow-root-access-keys")));
  }

  /** What --console-idle-timeout and --console-session-hours say. */
  static ConsoleConfig console(Options o) throws Options.UsageException {
    int idle = positive(o, "console-idle-timeout",
        (int) ConsoleConfig.DEFAULTS.idleTimeout().toMinutes());
    int hours = positive(o, "console-session-hours", (int) ConsoleConfig.AWS_MAXIMUM.toHours());
    if (hours > ConsoleConfig.AWS_MAXIMUM.toHours()) {
      throw new Options.UsageException("--console-session-hours must be at most "
          + ConsoleConfig.AWS_MAXIMUM.toHours() + " (AWS's longest console session)");
    }
    return new ConsoleConfig(Duration.ofMinutes(idle), Duration.ofHours(hours));
  }

  /** What --audit-retention-days and --no-audit say. */
  static AuditConfig audit(Options o) throws Options.UsageException {
    int days = positive(o, "audit-retention-days",
        (int) AuditConfig.DEFAULT.retention().toDays());
    int digests = positive(o, "audit-digest-interval",
        (int) AuditConfig.DEFAULT.digestInterval().toSeconds());
    return new AuditConfig(!o.flag("no-audit"), Duration.ofDays(days),
        Duration.ofSeconds(digests));
  }
}
