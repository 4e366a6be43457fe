package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.server.testing.PortcullisCli;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init} and {@code root reset} on PostgreSQL, as on SQLite. */
class RootResetPostgresTest {
  @TempDir Path dir;

  private Path passwordFile(String name, String password) throws Exception {
    Path f = dir.resolve(name);
    Files.createFile(f, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(f, password);
    return f;
  }

  private static List<String> args(List<String> db, String... rest) {
    List<String> all = new ArrayList<>(List.of(rest));
    all.addAll(db);
    return all;
  }

  @Test
  void rootReset_onPostgres_setsThePasswordAndRecordsTheEvent() throws Exception {
    PostgresServer pg = PostgresServer.shared();
    String url = pg.createDatabase();
    List<String> db = pg.serveOptions(url);
    PortcullisCli cli = new PortcullisCli(dir);
    PortcullisCli.Result init = cli.run(args(db, "init", "--data-dir", "d", "--root-email",
        "ops@example.com", "--root-password-file",
        passwordFile("first", "Qv7#Rk2mzt-9x").toString()));
    assertThat(init.exitCode()).as(init.describe()).isZero();

    PortcullisCli.Result reset = cli.run(args(db, "root", "reset", "--data-dir", "d",
        "--password-file", passwordFile("second", "Nw8!Tz4kpQ-yy").toString()));

    assertThat(reset.exitCode()).as(reset.describe()).isZero();
    try (JdbcStore store = JdbcStore.open(url, PostgresServer.USER, "")) {
      RootUser root = store.read(tx -> tx.rootUser().find(tx.accounts().primary()
          .orElseThrow().accountId())).orElseThrow();
      assertThat(root.email()).isEqualTo("ops@example.com");
      assertThat(new PasswordHasher().matches("Nw8!Tz4kpQ-yy", root.passwordHash())).isTrue();
    }
    PortcullisCli.Result events = cli.run(args(db, "audit", "events", "--json", "--action",
        "PasswordRecoveryCompleted"));
    assertThat(events.exitCode()).as(events.describe()).isZero();
    assertThat(events.stdout()).contains("\"eventSource\":\"signin.amazonaws.com\"")
        .contains("\"type\":\"Root\"");
  }
}
