package dev.portcullis.server.cli;

import dev.portcullis.iam.domain.PasswordClassMinimums;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.server.HostAdministration;
import dev.portcullis.server.ServerConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code portcullis password-policy set|show}: the Portcullis-only rules of the account's
 * password policy, minimum counts per character class, which the AWS API cannot express
 * (GetAccountPasswordPolicy keeps AWS's shape); {@code show} prints them with the AWS part.
 */
final class PasswordPolicyCommand {
  static final List<Options.Spec> OPTIONS;

  static {
    List<Options.Spec> specs = ServeCommand.storeOptions();
    specs.add(new Options.Spec("min-digits", "N", "at least N digits (0-9)"));
    specs.add(new Options.Spec("min-uppercase", "N", "at least N upper-case letters (A-Z)"));
    specs.add(new Options.Spec("min-lowercase", "N", "at least N lower-case letters (a-z)"));
    specs.add(new Options.Spec("min-symbols", "N", "at least N symbols of "
        + "!@#$%^&*()_+-=[]{}|'"));
    OPTIONS = List.copyOf(specs);
  }

  static final String SYNOPSIS = "portcullis password-policy set|show [OPTIONS]";
  static final String DESCRIPTION = "Show, or set, the account's minimum counts per character "
      + "class (beyond AWS's password policy; set changes only the counts given). The IAM "
      + "guides' example: set --min-digits 2 --min-uppercase 2 --min-lowercase 2 --min-symbols 1"
      + " with UpdateAccountPasswordPolicy --minimum-password-length 8.";

  private PasswordPolicyCommand() {}

  static int run(List<String> args, PrintStream out) throws Options.UsageException {
    String verb = args.isEmpty() ? "" : args.get(0);
    if (verb.equals("--help") || verb.equals("-h")) {
      out.print(Options.usage(SYNOPSIS, DESCRIPTION, OPTIONS));
      return 0;
    }
    if (!verb.equals("set") && !verb.equals("show")) {
      throw new Options.UsageException("unknown password-policy command: "
          + (verb.isEmpty() ? "(none)" : verb) + " (try: password-policy show)");
    }
    Options o = Options.parse(args.subList(1, args.size()), OPTIONS);
    if (o.help()) {
      out.print(Options.usage(SYNOPSIS, DESCRIPTION, OPTIONS));
      return 0;
    }
    if (verb.equals("show") && (o.get("min-digits", null) != null
        || o.get("min-uppercase", null) != null || o.get("min-lowercase", null) != null
        || o.get("min-symbols", null) != null)) {
      throw new Options.UsageException("show takes no --min-* option (try: password-policy set)");
    }
    ServerConfig config = ServeCommand.config(o).withMasterKey(ServeCommand.masterKey(o));
    Shown shown = HostAdministration.withAccount(config, (ctx, accountId) -> {
      if (verb.equals("set")) {
        // Read and replaced in one transaction: concurrent sets of other counts are not lost.
        ctx.store().write(tx -> {
          PasswordClassMinimums m = tx.passwordPolicies().classMinimums(accountId);
          tx.passwordPolicies().putClassMinimums(accountId, new PasswordClassMinimums(
              count(o, "min-digits", m.digits()), count(o, "min-uppercase", m.uppercase()),
              count(o, "min-lowercase", m.lowercase()), count(o, "min-symbols", m.symbols())));
          return null;
        });
      }
      return ctx.store().read(tx -> new Shown(accountId,
          tx.passwordPolicies().find(accountId), tx.passwordPolicies().classMinimums(accountId)));
    });
    print(shown, out);
    return 0;
  }

  private record Shown(String accountId, Optional<PasswordPolicy> policy,
      PasswordClassMinimums minimums) {}

  private static int count(Options o, String name, int current) {
    String v = o.get(name, null);
    if (v == null) {
      return current;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 0 || n > PasswordClassMinimums.MAX_PER_CLASS) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " takes a count from 0 to "
          + PasswordClassMinimums.MAX_PER_CLASS + ", not '" + v + "'");
    }
  }

  private static void print(Shown s, PrintStream out) {
    out.printf("Password policy of account %s%n", s.accountId());
    s.policy().ifPresentOrElse(p -> {
      out.printf("  minimum length:            %d%n", p.minimumLength());
      out.printf("  require uppercase/lowercase/numbers/symbols: %b/%b/%b/%b%n",
          p.requireUppercase(), p.requireLowercase(), p.requireNumbers(), p.requireSymbols());
      out.printf("  users may change password: %b%n", p.allowUsersToChangePassword());
      out.printf("  max age (days):            %s%n",
          p.maxPasswordAge() == 0 ? "none" : p.maxPasswordAge());
      out.printf("  reuse prevention:          %s%n",
          p.reusePrevention() == 0 ? "none" : p.reusePrevention());
      out.printf("  hard expiry:               %b%n", p.hardExpiry());
    }, () -> out.println("  (no custom policy: AWS's default, at least 8 characters and three "
        + "of the four character types)"));
    PasswordClassMinimums m = s.minimums();
    out.printf("  at least digits/uppercase/lowercase/symbols: %d/%d/%d/%d%n", m.digits(),
        m.uppercase(), m.lowercase(), m.symbols());
    out.println("  always: not on the list of common and breached passwords; not containing "
        + "the user name (root: its e-mail address's name) or the account alias");
  }
}
