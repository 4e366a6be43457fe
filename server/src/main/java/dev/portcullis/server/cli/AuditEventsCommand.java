package dev.portcullis.server.cli;

import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.server.DataDirectory;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.store.JdbcStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code portcullis audit events}: reads the audit trail from the database, offline, filtered
 * by principal, action, time, result and source address, newest first, as a table or as JSON
 * lines of CloudTrail records.
 */
final class AuditEventsCommand {
  static final List<Options.Spec> OPTIONS;

  static {
    List<Options.Spec> specs = new ArrayList<>(ServeCommand.OPTIONS.stream()
        .filter(s -> Set.of("data-dir", "database-url", "database-user",
            "database-password-env").contains(s.name()))
        .toList());
    specs.addAll(List.of(
        new Options.Spec("principal", "ARN|NAME", "events of this caller: an ARN, or a user "
            + "name (a role session's name, root)"),
        new Options.Spec("action", "NAME", "events of this operation, e.g. CreateUser"),
        new Options.Spec("start", "TIME", "events at or after TIME (2026-12-04T22:00:00Z or "
            + "2026-12-04)"),
        new Options.Spec("end", "TIME", "events at or before TIME"),
        new Options.Spec("result", "allowed|denied|failed", "events of calls that succeeded, "
            + "were denied access, or failed otherwise"),
        new Options.Spec("source-ip", "ADDRESS", "events of calls from this address"),
        new Options.Spec("account-id", "ID", "the account (default: the database's account)"),
        new Options.Spec("max-items", "N", "at most N events (default: 100)"),
        Options.Spec.flag("json", "one CloudTrail record (JSON) per line instead of a table")));
    OPTIONS = List.copyOf(specs);
  }

  static final String SYNOPSIS = "portcullis audit events [OPTIONS]";
  static final String DESCRIPTION = "Print the audit trail's events, newest first, from the "
      + "database serve uses (no server needed).";
  /** Error codes of a refusal by policy, as opposed to a failure of the call. */
  private static final Set<String> DENIALS = Set.of("AccessDenied", "AccessDeniedException");
  private static final int PAGE = 500;

  private AuditEventsCommand() {}

  static int run(Options o, PrintStream out) throws Options.UsageException {
    int max = o.integer("max-items", 100);
    if (max < 1) {
      throw new Options.UsageException("--max-items must be at least 1");
    }
    Instant start = time(o, "start", false);
    Instant end = time(o, "end", true);
    Predicate<AuditEvent> filter = filter(o);
    Optional<AuditEventQuery.Attribute> attribute = attribute(o);
    boolean json = o.flag("json");
    ServerConfig config = ServeCommand.config(o);
    DataDirectory dir = new DataDirectory(config.dataDir());
    if (config.databaseUrl() == null && !Files.exists(dir.database())) {
      throw new IllegalArgumentException("no database in " + dir.root()
          + ": name the data directory (--data-dir) or the database (--database-url)");
    }
    try (JdbcStore store = PortcullisServer.openStoreForReading(config, dir)) {
      String account = o.get("account-id", null);
      if (account == null) {
        account = store.read(tx -> tx.accounts().primary())
            .map(a -> a.accountId()).orElse("");
      }
      if (!json) {
        out.printf("%-20s  %-34s  %-24s  %-15s  %s%n", "TIME", "EVENT", "PRINCIPAL",
            "SOURCE IP", "RESULT");
      }
      int printed = 0;
      long before = 0;
      while (printed < max) {
        AuditEventQuery q = new AuditEventQuery(account, attribute, start, end, before, PAGE);
        List<StoredAuditEvent> page = store.read(tx -> tx.audit().lookup(q));
        for (StoredAuditEvent s : page) {
          if (printed < max && filter.test(s.event())) {
            print(out, s.event(), json);
            printed++;
          }
        }
        if (page.size() < PAGE) {
          break;
        }
        before = page.get(page.size() - 1).seq();
      }
    }
    return 0;
  }

  /** The one filter the store answers from an index; the others are tested on each event. */
  private static Optional<AuditEventQuery.Attribute> attribute(Options o) {
    String action = o.get("action", null);
    if (action != null) {
      return Optional.of(new AuditEventQuery.Attribute(AuditEventQuery.Key.EventName, action));
    }
    String principal = o.get("principal", null);
    if (principal != null && !principal.startsWith("arn:")) {
      return Optional.of(new AuditEventQuery.Attribute(AuditEventQuery.Key.Username,
          principal));
    }
    return Optional.empty();
  }

  static Predicate<AuditEvent> filter(Options o) throws Options.UsageException {
    Predicate<AuditEvent> all = e -> true;
    String principal = o.get("principal", null);
    if (principal != null) {
      all = all.and(principal.startsWith("arn:") ? e -> principal.equals(e.principalArn())
          : e -> principal.equals(e.username()));
    }
    String action = o.get("action", null);
    if (action != null) {
      all = all.and(e -> action.equals(e.eventName()));
    }
    String ip = o.get("source-ip", null);
    if (ip != null) {
      all = all.and(e -> ip.equals(e.sourceIp()));
    }
    String result = o.get("result", null);
    if (result != null) {
      if (!Set.of("allowed", "denied", "failed").contains(result)) {
        throw new Options.UsageException("--result is allowed, denied or failed, not '" + result
            + "'");
      }
      all = all.and(e -> result(e).equals(result));
    }
    return all;
  }

  static String result(AuditEvent e) {
    return e.errorCode() == null ? "allowed" : DENIALS.contains(e.errorCode()) ? "denied"
        : "failed";
  }

  private static Instant time(Options o, String name, boolean endOfDay)
      throws Options.UsageException {
    String v = o.get(name, null);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      try {
        Instant day = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        return endOfDay ? day.plus(1, ChronoUnit.DAYS).minusMillis(1) : day;
      } catch (DateTimeParseException again) {
        throw new Options.UsageException("--" + name + " takes a time such as "
            + "2026-12-04T22:00:00Z or a date such as 2026-12-04, not '" + v + "'");
      }
    }
  }

  private static void print(PrintStream out, AuditEvent e, boolean json) {
    if (json) {
      out.println(e.record());
      return;
    }
    String service = e.eventSource().replace(".amazonaws.com", "");
    String who = e.username() != null ? e.username()
        : e.principalArn() != null ? e.principalArn() : "-";
    String result = e.errorCode() == null ? "allowed" : result(e) + " (" + e.errorCode() + ")";
    out.printf("%-20s  %-34s  %-24s  %-15s  %s%n",
        e.eventTime().truncatedTo(ChronoUnit.SECONDS), service + ":" + e.eventName(), who,
        e.sourceIp() == null ? "-" : e.sourceIp(), result);
  }
}
