package dev.portcullis.server;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.audit.StoredAuditTrail;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.root.RootRecovery;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What the host's operator does to an account with the command line rather than the API:
 * {@code portcullis root reset} and {@code portcullis password-policy}. Each opens the store
 * (SQLite in WAL mode or PostgreSQL, so a running server keeps serving) and the data key as a
 * server does, makes its change in one transaction, and closes.
 */
public final class HostAdministration {
  private HostAdministration() {}

  /**
   * Runs {@code work} with the core's context on the account of {@code config}'s store;
   * IllegalArgumentException when there is no database or no account yet.
   */
  public static <T> T withAccount(ServerConfig config, BiFunction<IamContext, String, T> work) {
    DataDirectory dir = new DataDirectory(config.dataDir());
    if (config.databaseUrl() == null && !Files.exists(dir.database())) {
      throw new IllegalArgumentException("no database in " + dir.root() + ": name the data "
          + "directory (--data-dir) or the database (--database-url), or run init first");
    }
    try (JdbcStore store = PortcullisServer.openStore(config, dir)) {
      IamContext ctx = PortcullisServer.context(config, dir, store, new Ids());
      String accountId = store.read(tx -> tx.accounts().primary()).orElseThrow(() ->
          new IllegalArgumentException("the database has no account yet: run init first"))
          .accountId();
      return work.apply(ctx, accountId);
    }
  }

  /**
   * Resets the root password ({@code password} null: generated, then written once to the data
   * directory's 0600 {@code root-password} file) and, with {@code removeMfa}, removes root's
   * MFA devices; the trail's PasswordRecoveryCompleted event is committed with the change.
   */
  public static RootRecovery.Outcome resetRoot(ServerConfig config, String password,
      boolean removeMfa) {
    DataDirectory dir = new DataDirectory(config.dataDir());
    if (password == null && Files.exists(dir.rootPasswordFile())) {
      throw new IllegalArgumentException(dir.rootPasswordFile() + " already exists: remove it "
          + "first (a generated password is written to a new file only), or give "
          + "--password-file");
    }
    RootRecovery.Outcome outcome = withAccount(config, (ctx, accountId) -> {
      // Only appendInTransaction is used: the event commits with the reset, no queue runs.
      try (StoredAuditTrail trail = new StoredAuditTrail(ctx.store(),
          new CloudTrailRecords(Map.of()), 1, Duration.ofMillis(100), 1)) {
        return new RootRecovery(ctx, trail).reset(accountId, password, removeMfa,
            "portcullis root reset");
      }
    });
    if (outcome.generatedPassword() != null) {
      dir.writeRootPassword(outcome.generatedPassword());
    }
    return outcome;
  }
}
