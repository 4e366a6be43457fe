package dev.portcullis.server.cli;

import dev.portcullis.iam.audit.integrity.DigestKeys;
import dev.portcullis.iam.audit.integrity.StoreVerifier;
import dev.portcullis.iam.audit.integrity.VerificationReport;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.store.AuditDigestStore.SigningKey;
import dev.portcullis.server.DataDirectory;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.audit.ExportVerifier;
import dev.portcullis.server.audit.TrailExport;
import dev.portcullis.store.JdbcStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code portcullis audit events | public-key | export --to DIR | verify DIR | verify --store}:
 * the audit trail's events and its tamper evidence, offline, on the database as the other
 * offline commands open it. None of them needs the master key: digests are checked with public
 * keys.
 */
final class AuditCommand {
  static final List<Options.Spec> STORE_OPTIONS = ServeCommand.OPTIONS.stream()
      .filter(s -> Set.of("data-dir", "database-url", "database-user", "database-password-env")
          .contains(s.name())).toList();
  static final List<Options.Spec> EXPORT_OPTIONS = with(STORE_OPTIONS,
      new Options.Spec("to", "DIR", "a new (or empty) directory to write the export into"));
  static final List<Options.Spec> VERIFY_OPTIONS = with(STORE_OPTIONS,
      Options.Spec.flag("store", "verify the database itself instead of an export"),
      new Options.Spec("public-key", "FILE", "trust only this PEM public key (pinned), not the "
          + "keys the export or database carries"));
  static final String USAGE = """
      Usage: portcullis audit COMMAND [OPTIONS]
        events                print the events, filtered (see: portcullis audit events --help)
        public-key            print the account's digest signing public key (PEM)
        export --to DIR       write the trail as CloudTrail log and digest files
        verify DIR            check an export: exit 0 intact, 1 tampered, 2 unreadable
        verify --store        check the database's own trail the same way
      Options of every command: --data-dir DIR, --database-url URL, --database-user USER,
      --database-password-env VAR; verify also takes --public-key FILE (a pinned key).
      """;

  private AuditCommand() {}

  private static List<Options.Spec> with(List<Options.Spec> base, Options.Spec... more) {
    List<Options.Spec> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }

  static int run(List<String> args, PrintStream out) throws Exception {
    String command = args.isEmpty() ? "--help" : args.get(0);
    List<String> rest = args.subList(Math.min(1, args.size()), args.size());
    switch (command) {
      case "events" -> {
        Options o = Options.parse(rest, AuditEventsCommand.OPTIONS);
        if (o.help()) {
          out.print(Options.usage(AuditEventsCommand.SYNOPSIS, AuditEventsCommand.DESCRIPTION,
              AuditEventsCommand.OPTIONS));
          return 0;
        }
        return AuditEventsCommand.run(o, out);
      }
      case "public-key" -> {
        Options o = Options.parse(rest, STORE_OPTIONS);
        if (o.help()) {
          out.print(USAGE);
          return 0;
        }
        return publicKey(o, out);
      }
      case "export" -> {
        Options o = Options.parse(rest, EXPORT_OPTIONS);
        if (o.help()) {
          out.print(USAGE);
          return 0;
        }
        return export(o, out);
      }
      case "verify" -> {
        String dir = !rest.isEmpty() && !rest.get(0).startsWith("-") ? rest.get(0) : null;
        Options o = Options.parse(dir == null ? rest : rest.subList(1, rest.size()),
            VERIFY_OPTIONS);
        if (o.help()) {
          out.print(USAGE);
          return 0;
        }
        return verify(dir, o, out);
      }
      case "--help", "-h", "help" -> {
        out.print(USAGE);
        return 0;
      }
      default -> throw new Options.UsageException("unknown audit command: " + command
          + " (try: audit events, audit public-key, audit export, audit verify)");
    }
  }

  private static JdbcStore open(Options o) throws Options.UsageException {
    ServerConfig config = ServeCommand.config(o);
    DataDirectory dir = new DataDirectory(config.dataDir());
    if (config.databaseUrl() == null && !Files.exists(dir.database())) {
      throw new IllegalArgumentException("no database in " + dir.root()
          + ": name the data directory (--data-dir) or the database (--database-url)");
    }
    return PortcullisServer.openStoreForReading(config, dir);
  }

  private static int publicKey(Options o, PrintStream out) throws Options.UsageException {
    try (JdbcStore store = open(o)) {
      Optional<SigningKey> key = store.read(tx -> tx.accounts().primary().map(
          Account::accountId).flatMap(a -> tx.auditDigests().currentKey(a)));
      if (key.isEmpty()) {
        System.err.println("portcullis: no digest signing key yet: the server makes it in its "
            + "first seconds of serving");
        return 1;
      }
      out.print(DigestKeys.pem(key.get().publicKey()));
      System.err.println("fingerprint (digestPublicKeyFingerprint): " + key.get().fingerprint());
      return 0;
    }
  }

  private static int export(Options o, PrintStream out) throws Exception {
    String to = o.get("to", null);
    if (to == null) {
      throw new Options.UsageException("audit export needs --to DIR");
    }
    try (JdbcStore store = open(o)) {
      TrailExport.Summary s = TrailExport.write(store, Path.of(to), Instant.now());
      out.printf("Exported %d events in %d log files and %d digest files to %s%n", s.events(),
          s.logFiles(), s.digests(), to);
      if (s.uncoveredEvents() > 0) {
        out.printf("%d of them are newer than the newest digest: verify cannot prove them yet%n",
            s.uncoveredEvents());
      }
      return 0;
    }
  }

  private static int verify(String dir, Options o, PrintStream out)
      throws Options.UsageException {
    if ((dir == null) == !o.flag("store")) {
      throw new Options.UsageException("audit verify takes a directory or --store (not both)");
    }
    Optional<byte[]> pinned;
    try {
      String file = o.get("public-key", null);
      pinned = file == null ? Optional.empty()
          : Optional.of(DigestKeys.fromPem(Files.readString(Path.of(file))));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("portcullis: cannot read the public key: " + e.getMessage());
      return 2;
    }
    VerificationReport report;
    String source;
    if (dir != null) {
      source = dir;
      if (!Files.isDirectory(Path.of(dir))) {
        System.err.println("portcullis: " + dir + " is not a directory");
        return 2;
      }
      try {
        report = ExportVerifier.verify(Path.of(dir), pinned);
      } catch (IOException | RuntimeException e) {
        // Not 1: that status means tampering was found, which a read failure does not show.
        System.err.println("portcullis: cannot read the export: " + e.getMessage());
        return 2;
      }
    } else {
      try (JdbcStore store = open(o)) {
        source = "the database";
        report = StoreVerifier.verify(store, pinned);
      } catch (RuntimeException e) {
        System.err.println("portcullis: cannot read the database: " + e.getMessage());
        return 2;
      }
    }
    report.print(out, source);
    return report.exitCode();
  }
}
