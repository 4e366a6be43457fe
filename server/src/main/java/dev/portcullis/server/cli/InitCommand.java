package dev.portcullis.server.cli;

import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code portcullis init}: creates the data directory, the database, the account, its root
 * user and the bootstrap administrator as the first {@code serve} would, without serving. Run
 * again, it changes nothing.
 */
final class InitCommand {
  static final List<Options.Spec> OPTIONS = ServeCommand.OPTIONS.stream()
      .filter(s -> Set.of("data-dir", "account-id", "database-url", "database-user",
          "database-password-env", "master-key-file", "root-email", "root-password-file")
          .contains(s.name()))
      .toList();
  static final String SYNOPSIS = "portcullis init [OPTIONS]";
  static final String DESCRIPTION = "Create the data directory, the account, its root user "
      + "and the administrator's credentials without serving (a no-op once done).";

  private InitCommand() {}

  static int run(Options o, PrintStream out) throws Options.UsageException {
    ServerConfig config = ServeCommand.config(o).withMasterKey(ServeCommand.masterKey(o));
    PortcullisServer.Initialized done = PortcullisServer.initialize(config);
    if (done.created()) {
      out.printf("Created account %s in %s%n", done.accountId(), done.dataDirectory().root());
      out.printf("Administrator credentials (profile 'portcullis'): %s%n",
          done.dataDirectory().credentialsFile());
    } else {
      out.printf("Account %s already exists in %s; nothing to do%n", done.accountId(),
          done.dataDirectory().root());
    }
    printRoot(done, config.root().password(), out);
    return 0;
  }

  /** Says which root user was created and where its generated password is (never the password). */
  static void printRoot(PortcullisServer.Initialized done, PrintStream out) {
    printRoot(done, null, out);
  }

  /**
   * As {@link #printRoot(PortcullisServer.Initialized, PrintStream)}, noting a root password
   * given for an account whose root user exists: it is not used (root reset changes it).
   */
  static void printRoot(PortcullisServer.Initialized done, String givenPassword,
      PrintStream out) {
    if (done.rootEmail().isEmpty() && givenPassword != null) {
      out.println("note: the account's root user exists; the root password given "
          + "(--root-password-file or PORTCULLIS_ROOT_PASSWORD) is not used: change it with "
          + "portcullis root reset");
    }
    done.rootEmail().ifPresent(email -> out.printf("Root user: %s%n", email));
    done.rootPasswordFile().ifPresent(file -> out.printf("The root user's generated password "
        + "is in %s (mode 0600); it must be changed at the first sign-in%n", file));
  }
}
