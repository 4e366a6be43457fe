package dev.portcullis.server;

import dev.portcullis.server.http.RequestFactsSource;
import dev.portcullis.server.console.ConsoleFrontDoor;
import dev.portcullis.server.console.ServiceApi;
import dev.portcullis.server.http.FrontDoor;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.integrity.ListPublicKeysOperations;
import dev.portcullis.iam.audit.lookup.AuditLookup;
import dev.portcullis.iam.auth.Authenticator;
import dev.portcullis.iam.authz.ActionCatalog;
import dev.portcullis.iam.authz.AuthorizationMessages;
import dev.portcullis.iam.authz.AuthorizationSnapshot;
import dev.portcullis.iam.authz.PolicyAuthorizer;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.invoke.Invoker;
import dev.portcullis.iam.credentials.KeyUsage;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.sts.ServiceRoleSessions;
import dev.portcullis.iam.sts.DeviceMfaCheck;
import dev.portcullis.iam.mfa.MfaProofs;
import dev.portcullis.iam.sts.SessionIssuer;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.sigv4.SigV4Verifier;
import dev.portcullis.server.audit.DigestSchedule;
import dev.portcullis.server.container.ContainerCredentialsEndpoint;
import dev.portcullis.server.container.ContainerToken;
import dev.portcullis.server.http.JettyHttpServer;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import dev.portcullis.server.tls.TlsIdentity;
import dev.portcullis.store.JdbcStore;
import dev.portcullis.store.SqliteNativeLibrary;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jetty.util.Uptime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Portcullis: store, services and the HTTP edge, assembled from a config. */
public final class PortcullisServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PortcullisServer.class);
  private final JdbcStore store;
  private final JettyHttpServer http;
  private final KeyUsage usage;
  private final ScheduledExecutorService background;
  private final Account account;
  private final DataDirectory dataDir;

  private final AccessLog accessLog;
  private final ServerConfig config;
  private final Optional<TlsIdentity> tls;
  private final Initialized initialized;
  private final AuditRecording audit;

  private PortcullisServer(JdbcStore store, JettyHttpServer http, KeyUsage usage,
      ScheduledExecutorService background, Account account, DataDirectory dataDir,
      AccessLog accessLog, ServerConfig config, Optional<TlsIdentity> tls,
      Initialized initialized, AuditRecording audit) {
    this.audit = audit;
    this.tls = tls;
    this.initialized = initialized;
    this.accessLog = accessLog;
    this.config = config;
    this.store = store;
    this.http = http;
    this.usage = usage;
    this.background = background;
    this.account = account;
    this.dataDir = dataDir;
  }

  /** Opens the store, bootstraps the account on first start and serves plain HTTP. */
  public static PortcullisServer start(ServerConfig config) throws Exception {
    return start(config, EdgeConfig.defaults());
  }

  /** Opens the store, bootstraps the account on first start and serves as {@code edge} says. */
  public static PortcullisServer start(ServerConfig config, EdgeConfig edge) throws Exception {
    return start(config, edge, UnaryOperator.identity());
  }

  /**
   * As {@link #start(ServerConfig, EdgeConfig)}, recording every call's event in the trail
   * {@code trails} makes of the store's (tests pass one that keeps what it is given).
   */
  static PortcullisServer start(ServerConfig config, EdgeConfig edge,
      UnaryOperator<AuditTrail> trails) throws Exception {
    return start(config, edge, trails, AuditLookup::of);
  }

  /**
   * As {@link #start(ServerConfig, EdgeConfig, Function)}, with LookupEvents reading the trail
   * {@code lookups} gives (protocol tests list events of their own making).
   */
  public static PortcullisServer start(ServerConfig config, EdgeConfig edge,
      UnaryOperator<AuditTrail> trails, Function<Store, AuditLookup> lookups)
      throws Exception {
    // Start-up work that does not need the store runs while the store opens and migrates:
    // parsing the service models and Jetty's uptime clock.
    CompletableFuture<ServiceModel> iamModel =
        CompletableFuture.supplyAsync(() -> ServiceModel.bundled("iam"));
    CompletableFuture<ServiceModel> stsModel =
        CompletableFuture.supplyAsync(() -> ServiceModel.bundled("sts"));
    CompletableFuture<ServiceModel> cloudtrailModel =
        CompletableFuture.supplyAsync(() -> ServiceModel.bundled("cloudtrail"));
    CompletableFuture<?> warm = CompletableFuture.runAsync(Uptime::getUptime);
    DataDirectory dir = new DataDirectory(config.dataDir());
    dir.create();
    // A certificate or key that cannot be read fails the start before anything else is opened.
    Optional<TlsIdentity> tls = edge.identity(dir, config.host());
    JdbcStore store = openStore(config, dir);
    Clock clock = config.clock();
    Ids ids = new Ids();
    IamContext ctx;
    Bootstrap.Outcome bootstrap;
    try {
      ctx = context(config, dir, store, ids);
      bootstrap = Bootstrap.ensure(ctx, dir, config.accountId(), config.root());
    } catch (RuntimeException e) {
      store.close(); // a node that cannot start holds no connections
      throw e;
    }
    Account account = bootstrap.account();
    KeyUsage usage = new KeyUsage(store);
    warm.join();
    AuthorizationSnapshot snapshot = new AuthorizationSnapshot(store, clock,
        new PolicyLibrary(ManagedPolicyCatalog::bundled));
    OperationRegistry iam = Services.iamOperations(ctx, usage, snapshot.library());
    AuthorizationMessages messages = new AuthorizationMessages(ctx.cipher());
    SessionIssuer issuer = new SessionIssuer(ctx);
    MfaProofs mfa = new MfaProofs(new DeviceMfaCheck(ctx), clock);
    OperationRegistry sts = Services.stsOperations(ctx, messages, issuer, mfa);
    AccessLog accessLog = new AccessLog();
    AuditRecording audit = AuditRecording.start(store, Map.of("iam.amazonaws.com",
        iamModel.join(), "sts.amazonaws.com", stsModel.join(), "cloudtrail.amazonaws.com",
        cloudtrailModel.join()), config.audit(), clock);
    AuditTrail trail = trails.apply(audit.trail());
    Invoker invoker = new Invoker(new PolicyAuthorizer(ActionCatalog.bundled(), snapshot,
        messages, mfa), store, trail);
    RequestFactsSource facts = new RequestFactsSource(ids::requestId, clock);
    ServiceModel stsApi = stsModel.join();
    ServiceEndpoint iamApi = ServiceEndpoint.of(iamModel.join(), Set.of("policyDocumentType"),
        iam);
    ServiceEndpoint cloudtrailApi = ServiceEndpoint.json(cloudtrailModel.join(),
        Services.cloudtrailOperations(lookups.apply(store),
            ListPublicKeysOperations.Keys.of(store)));
    RequestPipeline api = new RequestPipeline(new ApiRouting(List.of(
        iamApi,
        ServiceEndpoint.of(stsApi, Set.of(), sts),
        cloudtrailApi)),
        new ApiAuthentication(new SigV4Verifier(clock), new Authenticator(ctx, usage, snapshot)),
        invoker, facts);
    List<FrontDoor> doors = new ArrayList<>(List.of(new HealthEndpoint(),
        ConsoleFrontDoor.create(ctx, facts, invoker, consoleApi(iamApi),
            consoleApi(cloudtrailApi), trail, messages, config.console())));
    if (!config.containerCredentialsRoles().isEmpty()) {
      // A new token each start: the SDKs read the token file again on every refresh.
      ContainerToken token = ContainerToken.random();
      dir.writeContainerCredentialsToken(token.value());
      doors.add(new ContainerCredentialsEndpoint(config.containerCredentialsRoles(), token,
          account.accountId(), new ServiceRoleSessions(ctx, issuer, snapshot), clock, invoker,
          facts, stsApi.operation("AssumeRole").orElseThrow()));
    }
    Router router = new Router(doors, api, accessLog);
    JettyHttpServer http = new JettyHttpServer(config.host(), config.port(), edge.limits(), tls,
        router, router);
    http.start();
    ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "portcullis-background");
      t.setDaemon(true);
      return t;
    });
    // The AWS managed policy catalog is first needed by policy calls: index it once serving.
    background.execute(ManagedPolicyCatalog::bundled);
    background.execute(ActionCatalog::bundled);
    background.scheduleWithFixedDelay(() -> flushQuietly(usage), 1, 1, TimeUnit.SECONDS);
    new DigestSchedule(store, ctx.cipher(), account.accountId(), clock,
        config.audit().digestInterval()).start(background);
    return new PortcullisServer(store, http, usage, background, account, dir, accessLog, config,
        tls, Initialized.of(bootstrap, dir), audit);
  }

  /** The core's context on {@code store}: its data key opened with the config's master key. */
  static IamContext context(ServerConfig config, DataDirectory dir, JdbcStore store,
      Ids ids) {
    MasterKey masterKey = config.masterKey() != null ? config.masterKey()
        : defaultMasterKey(store, dir);
    SecretCipher cipher = KeyHierarchy.open(store, masterKey, dir::existingMasterKey,
        config.clock());
    return new IamContext(store, config.clock(), ids, cipher, new PasswordHasher(),
        config.root().accessKeys());
  }

  /**
   * {@code portcullis init}: creates the data directory, the database, the account, its root
   * user and its administrator exactly as the first {@code serve} does, without serving; a
   * no-op for an account that exists.
   */
  public static Initialized initialize(ServerConfig config) {
    DataDirectory dir = new DataDirectory(config.dataDir());
    dir.create();
    try (JdbcStore store = openStore(config, dir)) {
      return Initialized.of(Bootstrap.ensure(context(config, dir, store, new Ids()), dir,
          config.accountId(), config.root()), dir);
    }
  }

  /**
   * What {@link #initialize} found or made.
   *
   * @param rootEmail the root user's address when this run created it
   * @param rootPasswordFile where its generated password is, when one was generated
   */
  public record Initialized(String accountId, boolean created, Optional<String> rootEmail,
      Optional<Path> rootPasswordFile, DataDirectory dataDirectory) {
    static Initialized of(Bootstrap.Outcome outcome, DataDirectory dir) {
      Optional<RootBootstrap.Created> root = Optional.ofNullable(outcome.root());
      return new Initialized(outcome.account().accountId(), outcome.created(),
          root.map(RootBootstrap.Created::email),
          root.map(RootBootstrap.Created::generatedPasswordFile), dir);
    }
  }

  /** A service endpoint as the console calls it. */
  private static ServiceApi consoleApi(ServiceEndpoint endpoint) {
    return new ServiceApi(endpoint.signingName(), endpoint.model(), endpoint.codec(),
        endpoint.registry());
  }

  /**
   * The data directory's {@code master.key}, made only for a database with nothing sealed yet
   * (no account, no data key): a key made for any other would open nothing, so the node must
   * refuse, and it refuses without leaving such a key behind.
   */
  private static MasterKey defaultMasterKey(JdbcStore store, DataDirectory dir) {
    if (dir.existingMasterKey().isEmpty() && store.read(tx -> tx.accounts().primary().isPresent()
        || tx.installation().dataKey().isPresent())) {
      throw new KeyHierarchy.WrongMasterKeyException("this database's secrets are sealed under "
          + "a master key this node was not given (its data directory has no master.key): give "
          + "it the master key every node uses (--master-key-file or " + MasterKey.ENVIRONMENT
          + "); a database made before the key hierarchy needs the master.key of the data "
          + "directory that made it");
    }
    return MasterKey.resolve(null, null, dir);
  }

  /** Opens (and migrates) the database of {@code config}: PostgreSQL, or SQLite in {@code dir}. */
  public static JdbcStore openStore(ServerConfig config, DataDirectory dir) {
    String url = config.databaseUrl() != null ? config.databaseUrl()
        : "jdbc:sqlite:" + dir.database();
    if (config.databaseUrl() == null) {
      dir.prepareDatabaseFile();
      installationDirectory().ifPresent(d -> SqliteNativeLibrary.useDirectory(d.resolve("native")));
    }
    return JdbcStore.open(url, config.databaseUser(), config.databasePassword(),
        config.propagation());
  }

  /**
   * The store of {@code config} opened for reading only (see {@link
   * JdbcStore#openForReading}): what the offline commands that only read use, so that they
   * work while a server runs on the same SQLite file.
   */
  public static JdbcStore openStoreForReading(ServerConfig config, DataDirectory dir) {
    if (config.databaseUrl() != null) {
      return JdbcStore.openForReading(config.databaseUrl(), config.databaseUser(),
          config.databasePassword());
    }
    installationDirectory().ifPresent(d -> SqliteNativeLibrary.useDirectory(d.resolve("native")));
    return JdbcStore.openForReading("jdbc:sqlite:" + dir.database(), null, null);
  }

  /** The directory of the runnable jar, when running from one (not from classes in tests). */
  private static Optional<Path> installationDirectory() {
    try {
      Path code = Path.of(PortcullisServer.class.getProtectionDomain()
          .getCodeSource().getLocation().toURI());
      return code.toString().endsWith(".jar") && Files.isWritable(code.getParent())
          ? Optional.of(code.getParent()) : Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void flushQuietly(KeyUsage usage) {
    try {
      usage.flush();
    } catch (RuntimeException e) {
      LOG.warn("could not record access key use: {}", e.getMessage());
    }
  }

  public int port() {
    return http.port();
  }

  /** {@code https} when serving over TLS, else {@code http}. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  /** The TLS key and certificate served with, when over TLS. */
  public Optional<TlsIdentity> tls() {
    return tls;
  }

  public String accountId() {
    return account.accountId();
  }

  /**
   * The AWS_CONTAINER_CREDENTIALS_FULL_URI of a container role. The SDKs accept plain http only
   * from a loopback address, so a server listening on every interface is named by 127.0.0.1.
   */
  public String containerCredentialsUri(String roleName) {
    String host = config.host();
    String name = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1"
        : host.contains(":") ? "[" + host + "]" : host;
    return scheme() + "://" + name + ":" + port() + ContainerCredentialsEndpoint.PREFIX
        + roleName;
  }

  /** Whether this start created the account (false: another node or an earlier start did). */
  /** What this start found or made: the account, the root user it created, if any. */
  public Initialized initialized() {
    return initialized;
  }

  public boolean bootstrapped() {
    return initialized.created();
  }

  public DataDirectory dataDirectory() {
    return dataDir;
  }

  /** The audit trail every call is recorded to. */
  public AuditRecording audit() {
    return audit;
  }

  /** The store this server reads and writes (tests set up large states through it). */
  public Store store() {
    return store;
  }

  @Override
  public void close() throws Exception {
    http.close();
    background.shutdownNow();
    flushQuietly(usage);
    audit.close(); // writes the events still queued, before the store closes
    store.close();
    accessLog.close();
  }
}
