package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.integrity.DigestKeys;
import dev.portcullis.server.audit.SegmentTamper;
import dev.portcullis.server.audit.TrailExport;
import dev.portcullis.server.audit.TrailFixture;
import dev.portcullis.server.testing.ExportTrees;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis audit ...}: output and exit status scripts can rely on. */
class AuditCommandTest {
  @TempDir
  static Path dir;
  private static TrailFixture trail;
  private static Path export;

  private record Run(int status, String out, String err) {}

  @BeforeAll
  static void exportTrail() throws Exception {
    trail = new TrailFixture(dir);
    trail.standardTrail();
    export = dir.resolve("export");
    TrailExport.write(trail.store(), export, Instant.now());
    trail.close(); // the commands open the database themselves
  }

  @AfterAll
  static void close() {
    trail.close();
  }

  @Test
  void publicKey_whenTheAccountHasOne_printsItsPemAndFingerprint() throws Exception {
    Run r = run("audit", "public-key", "--data-dir", dir.resolve("data").toString());

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(r.out()).isEqualTo(Files.readString(export.resolve("public-key.pem")));
    assertThat(r.err()).contains("fingerprint (digestPublicKeyFingerprint): "
        + DigestKeys.fingerprint(DigestKeys.fromPem(r.out())));
  }

  @Test
  void verify_whenTheExportIsIntact_exitsZeroWithASummary() {
    Run r = run("audit", "verify", export.toString());

    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).contains("Results requested for 2026-12-04T20:00:00Z to "
        + "2026-12-04T20:20:00Z", "4/4 digest files valid", "4/4 log files valid",
        "The audit trail is intact.");
  }

  @Test
  void verify_whenPinnedToTheExportedKey_exitsZero() {
    Run r = run("audit", "verify", export.toString(), "--public-key",
        export.resolve("public-key.pem").toString());

    assertThat(r.status()).as(r.out()).isZero();
  }

  @Test
  void verify_whenALogFileIsGone_exitsOneNamingIt() throws Exception {
    Path copy = dir.resolve("tampered");
    ExportTrees.copy(export, copy);
    Path victim;
    try (Stream<Path> all = Files.walk(copy)) {
      victim = all.filter(p -> p.toString().contains("/CloudTrail/")
          && p.toString().endsWith(".json.gz")).sorted().findFirst().orElseThrow();
    }
    Files.delete(victim);

    Run r = run("audit", "verify", copy.toString());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains(copy.relativize(victim) + "\tINVALID: missing",
        "3/4 log files valid, 1 log files INVALID",
        "INVALID: the audit trail was tampered with");
  }

  @Test
  void verifyStore_whenTheDatabaseIsUntouched_exitsZero() {
    Run r = run("audit", "verify", "--store", "--data-dir", dir.resolve("data").toString());

    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("4/4 digest files valid", "4/4 log files valid",
        "The audit trail is intact.");
  }

  @Test
  void verifyStore_whenARowWasChangedInTheDatabase_exitsOneNamingTheEvent() throws Exception {
    Path copy = dir.resolve("tampered-data");
    ExportTrees.copy(dir.resolve("data"), copy);
    String id;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + copy.resolve("portcullis.db")); Statement st = c.createStatement()) {
      id = SegmentTamper.at(SegmentTamper.rows(c), 2).event.eventId();
      SegmentTamper.edit(c, rows -> {
        SegmentTamper.Row r = SegmentTamper.at(rows, 2);
        r.event = SegmentTamper.with(r.event, "record",
            r.event.record().replace("user-1", "mallory"));
      });
      st.execute("DELETE FROM audit_digest WHERE digest_number = 2");
    }

    Run r = run("audit", "verify", "--store", "--data-dir", copy.toString());

    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("Event\t" + id + " at seq 2\tINVALID: changed",
        "digest number 2\tINVALID: missing", "INVALID: the audit trail was tampered with");
  }

  @Test
  void verify_whenTheDirectoryIsNoExport_exitsTwo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThat(run("audit", "verify", empty.toString()).status()).isEqualTo(2);
    assertThat(run("audit", "verify", dir.resolve("nowhere").toString()).status())
        .isEqualTo(2);
    assertThat(run("audit", "verify", export.toString(), "--public-key",
        dir.resolve("no-such.pem").toString()).status()).isEqualTo(2);
    assertThat(run("audit", "verify", "--store", "--data-dir",
        dir.resolve("nowhere").toString()).status()).isEqualTo(2);
    Run both = run("audit", "verify", export.toString(), "--store");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("a directory or --store");
  }

  @Test
  void offlineCommands_whenTheDatabaseIsFromBeforeV094_sayToStartTheServerOnceAndExitNonZero()
      throws Exception {
    // The database as the release before V094 left it (events in audit_events, no segments),
    // no server having opened it since the upgrade.
    Path old = dir.resolve("old-data");
    ExportTrees.copy(dir.resolve("data"), old);
    String v092;
    try (var in = AuditCommandTest.class.getResourceAsStream(
        "/dev/portcullis/store/migration/V092.sql")) {
      v092 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + old.resolve("portcullis.db")); Statement st = c.createStatement()) {
      st.execute("DROP TABLE audit_segments");
      st.execute("DROP TABLE audit_terms");
      st.execute("DROP TABLE audit_pending");
      st.execute("DELETE FROM schema_version WHERE version >= 94");
      for (String stmt : v092.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!stmt.isBlank() && !stmt.contains("audit_chain")) {
          st.execute(stmt);
        }
      }
    }
    String said = "this database's audit trail is in the format before V094: start the server "
        + "on it once (portcullis serve with the same --data-dir or --database-url) to upgrade "
        + "it, then run this command again";

    Run events = run("audit", "events", "--data-dir", old.toString());
    Run exported = run("audit", "export", "--to", dir.resolve("old-export").toString(),
        "--data-dir", old.toString());
    Run verified = run("audit", "verify", "--store", "--data-dir", old.toString());

    assertThat(events.status()).isEqualTo(1);
    assertThat(events.err()).isEqualTo("portcullis: " + said + System.lineSeparator());
    assertThat(exported.status()).isEqualTo(1);
    assertThat(exported.err()).isEqualTo("portcullis: " + said + System.lineSeparator());
    assertThat(verified.status()).isEqualTo(2);
    assertThat(verified.err()).isEqualTo("portcullis: cannot read the database: " + said
        + System.lineSeparator());
    assertThat(Files.exists(dir.resolve("old-export"))).isFalse();
  }

  @Test
  void serve_whenGivenAnAuditDigestInterval_usesItAndRefusesZero() throws Exception {
    assertThat(ServeCommand.config(Options.parse(List.of("--audit-digest-interval", "5"),
        ServeCommand.OPTIONS)).audit().digestInterval()).hasSeconds(5);
    assertThat(ServeCommand.config(Options.parse(List.of(), ServeCommand.OPTIONS))
        .audit().digestInterval()).hasHours(1);
    Run zero = run("serve", "--audit-digest-interval", "0");
    assertThat(zero.status()).isEqualTo(2);
    assertThat(zero.err()).contains("--audit-digest-interval must be at least 1");
  }

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = Main.run(new ArrayList<>(List.of(args)));
      return new Run(status, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
