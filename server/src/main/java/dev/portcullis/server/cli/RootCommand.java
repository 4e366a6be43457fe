package dev.portcullis.server.cli;

import dev.portcullis.iam.root.RootRecovery;
import dev.portcullis.server.HostAdministration;
import dev.portcullis.server.ServerConfig;
import java.io.Console;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code portcullis root reset}: the host's equivalent of AWS's root password recovery by
 * e-mail. Sets a new root password (from a file, asked twice on a terminal, or generated into
 * DATA-DIR/root-password and then required to change), optionally removes root's MFA devices,
 * and records PasswordRecoveryCompleted in the trail with the change. Works on a running
 * server's store as well as on a stopped one's.
 */
final class RootCommand {
  static final List<Options.Spec> OPTIONS;

  static {
    List<Options.Spec> specs = ServeCommand.storeOptions();
    specs.add(new Options.Spec("password-file", "FILE", "the new password (default: asked "
        + "twice on a terminal, else generated into DATA-DIR/root-password, mode 0600, and "
        + "required to change at the next sign-in)"));
    specs.add(Options.Spec.flag("remove-mfa", "also deactivate and delete the root user's MFA "
        + "devices (a lost device)"));
    OPTIONS = List.copyOf(specs);
  }

  static final String SYNOPSIS = "portcullis root reset [OPTIONS]";
  static final String DESCRIPTION = "Reset the root user's password (and with --remove-mfa its "
      + "MFA devices), for whoever controls this host; recorded in the audit trail as "
      + "PasswordRecoveryCompleted.";

  private RootCommand() {}

  static int run(List<String> args, PrintStream out) throws Options.UsageException {
    if (args.isEmpty() || !args.get(0).equals("reset")) {
      if (!args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
        out.print(Options.usage(SYNOPSIS, DESCRIPTION, OPTIONS));
        return 0;
      }
      throw new Options.UsageException("unknown root command: "
          + (args.isEmpty() ? "(none)" : args.get(0)) + " (try: root reset)");
    }
    Options o = Options.parse(args.subList(1, args.size()), OPTIONS);
    if (o.help()) {
      out.print(Options.usage(SYNOPSIS, DESCRIPTION, OPTIONS));
      return 0;
    }
    ServerConfig config = ServeCommand.config(o).withMasterKey(ServeCommand.masterKey(o));
    String file = o.get("password-file", null);
    String password = file != null ? RootOptions.readPasswordFile(file) : prompted();
    RootRecovery.Outcome done = HostAdministration.resetRoot(config, password,
        o.flag("remove-mfa"));
    out.printf("The root user %s has a new password.%n", done.email());
    if (done.generatedPassword() != null) {
      out.printf("It was generated into %s (mode 0600) and must be changed at the next "
          + "sign-in.%n", config.dataDir().toAbsolutePath().normalize()
          .resolve("root-password"));
    }
    if (o.flag("remove-mfa")) {
      out.printf("Removed %d MFA device(s) of the root user.%n", done.mfaDevicesRemoved());
    }
    out.println("Recorded in the audit trail as PasswordRecoveryCompleted.");
    return 0;
  }

  /** The password asked on the terminal, or null (generate) without one. */
  private static String prompted() {
    Console console = System.console();
    return console == null ? null
        : new RootOptions.ConsolePrompt(RootOptions.Terminal.of(console))
            .password("", p -> List.of());
  }
}
