package dev.portcullis.server.cli;

import dev.portcullis.server.ApiCoverage;
import java.util.List;

/**
 * The {@code portcullis} command line: {@code serve}, {@code init}, {@code root reset}, {@code
 * password-policy}, {@code policy simulate}, {@code rotate-master-key}, {@code audit events}
 * and {@code api-coverage}.
 */
public final class Main {
  static final String VERSION = "portcullis 0.1.0";
  private static final String USAGE = """
      Usage: portcullis COMMAND [OPTIONS]
      An identity and access management server compatible with AWS IAM and STS.

      Commands:
        serve          serve IAM and STS on one endpoint (see: portcullis serve --help)
        init           create the data directory, the account, its root user and the
                       administrator's credentials without serving (see: portcullis init --help)
        root reset     reset the root user's password (and MFA), recorded in the audit trail
                       (see: portcullis root --help)
        password-policy show | set
                       the account's minimum counts per character class, beyond AWS's policy
                       (see: portcullis password-policy --help)
        policy simulate
                       evaluate policy files offline, no server needed
                       (see: portcullis policy simulate --help)
        rotate-master-key
                       re-wrap the database's data key under a new master key
                       (see: portcullis rotate-master-key --help)
        audit events | public-key | export --to DIR | verify DIR | verify --store
                       the audit trail: its events, filtered, as a table or JSON lines;
                       its signing key, CloudTrail-format export and tamper check
                       (see: portcullis audit --help)
        api-coverage   print which IAM and STS operations are implemented (Markdown)
        warm-up        start and exercise a throw-away server (the launcher's CDS training run)
        --version      print the version
      """;

  private Main() {}

  public static void main(String[] args) {
    int code = run(List.of(args));
    if (code != 0) {
      System.exit(code);
    }
  }

  /** A usage error of {@code policy simulate}, answered with a pointer to its own help. */
  private static final class PolicyUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PolicyUsageException(String message) {
      super(message);
    }
  }

  private static int policy(List<String> args) throws Options.UsageException {
    if (args.isEmpty() || !args.get(0).equals("simulate")) {
      throw new Options.UsageException("unknown policy command: "
          + (args.isEmpty() ? "(none)" : args.get(0)) + " (try: policy simulate)");
    }
    try {
      Options o = Options.parse(args.subList(1, args.size()), PolicySimulateCommand.OPTIONS);
      if (o.help()) {
        System.out.print(Options.usage(PolicySimulateCommand.SYNOPSIS,
            PolicySimulateCommand.DESCRIPTION, PolicySimulateCommand.OPTIONS));
        return 0;
      }
      return PolicySimulateCommand.run(o, System.out);
    } catch (Options.UsageException e) {
      throw new PolicyUsageException(e.getMessage());
    }
  }

  static int run(List<String> args) {
    String command = args.isEmpty() ? "--help" : args.get(0);
    List<String> rest = args.subList(Math.min(1, args.size()), args.size());
    try {
      switch (command) {
        case "serve" -> {
          Options o = Options.parse(rest, ServeCommand.OPTIONS);
          if (o.help()) {
            System.out.print(Options.usage(ServeCommand.SYNOPSIS, ServeCommand.DESCRIPTION,
                ServeCommand.OPTIONS));
            return 0;
          }
          return ServeCommand.run(o);
        }
        case "policy" -> {
          return policy(rest);
        }
        case "init" -> {
          Options o = Options.parse(rest, InitCommand.OPTIONS);
          if (o.help()) {
            System.out.print(Options.usage(InitCommand.SYNOPSIS, InitCommand.DESCRIPTION,
                InitCommand.OPTIONS));
            return 0;
          }
          return InitCommand.run(o, System.out);
        }
        case "root" -> {
          return RootCommand.run(rest, System.out);
        }
        case "password-policy" -> {
          return PasswordPolicyCommand.run(rest, System.out);
        }
        case "rotate-master-key" -> {
          Options o = Options.parse(rest, RotateMasterKeyCommand.OPTIONS);
          if (o.help()) {
            System.out.print(Options.usage(RotateMasterKeyCommand.SYNOPSIS,
                RotateMasterKeyCommand.DESCRIPTION, RotateMasterKeyCommand.OPTIONS));
            return 0;
          }
          return RotateMasterKeyCommand.run(o, System.out);
        }
        case "audit" -> {
          return AuditCommand.run(rest, System.out);
        }
        case "api-coverage" -> {
          Options.parse(rest, List.of());
          System.out.print(ApiCoverage.markdown());
          return 0;
        }
        case "warm-up" -> {
          Options.parse(rest, List.of());
          return WarmUpCommand.run();
        }
        case "--version", "-V" -> {
          System.out.println(VERSION);
          return 0;
        }
        case "--help", "-h", "help" -> {
          System.out.print(USAGE);
          return 0;
        }
        default -> throw new Options.UsageException("unknown command: " + command);
      }
    } catch (PolicyUsageException e) {
      System.err.println("portcullis: " + e.getMessage());
      System.err.println("see: portcullis policy simulate --help");
      return 2;
    } catch (Options.UsageException e) {
      System.err.println("portcullis: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    } catch (Exception e) {
      System.err.println("portcullis: " + e.getMessage());
      return 1;
    }
  }
}
