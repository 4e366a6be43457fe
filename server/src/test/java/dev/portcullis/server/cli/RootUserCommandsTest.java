package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.PortcullisCli;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root user from the command line: {@code init} (and first {@code serve}) with its password
 * from a file, the environment or generated into a 0600 file, and {@code root reset} offline
 * and while a server runs, recorded in the trail. Each runs {@code ./portcullis} in its own JVM
 * without a terminal, as a service manager would.
 */
class RootUserCommandsTest {
  private static final String GOOD = "Qv7#Rk2mzt-9x";
  @TempDir Path dir;

  private <T> T read(Path data, Function<dev.portcullis.iam.store.StoreTx, T> work) {
    try (JdbcStore store = JdbcStore.open("jdbc:sqlite:" + data.resolve("portcullis.db"), null,
        null)) {
      return store.read(work);
    }
  }

  private RootUser root(Path data) {
    return read(data, tx -> tx.rootUser().find(tx.accounts().primary().orElseThrow()
        .accountId()).orElseThrow());
  }

  private Path passwordFile(String password) throws Exception {
    Path f = Files.createTempFile(dir, "pw", ".txt",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(f, password + "\n");
    return f;
  }

  @Test
  void init_withoutTerminalOrPassword_generatesAPasswordFileOnceWith0600AndNoLogOfIt()
      throws Exception {
    PortcullisCli cli = new PortcullisCli(dir);

    PortcullisCli.Result first = cli.run("init", "--data-dir", "d");

    assertThat(first.exitCode()).as(first.describe()).isZero();
    Path file = dir.resolve("d/root-password");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String password = Files.readString(file).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(24);
    assertThat(first.stdout() + first.stderr()).doesNotContain(password).contains(
        file.toString()).contains("must be changed at the first sign-in");
    RootUser root = root(dir.resolve("d"));
    assertThat(root.email()).isEqualTo("root@" + root.accountId() + ".invalid");
    assertThat(first.stderr()).contains("placeholder");
    assertThat(root.passwordResetRequired()).isTrue();
    assertThat(new PasswordHasher().matches(password, root.passwordHash())).isTrue();

    PortcullisCli.Result second = cli.run("init", "--data-dir", "d");

    assertThat(second.exitCode()).as(second.describe()).isZero();
    assertThat(second.stdout()).contains("already exists").contains("nothing to do");
    assertThat(Files.readString(file).strip()).isEqualTo(password);
    assertThat(root(dir.resolve("d")).passwordHash()).isEqualTo(root.passwordHash());
  }

  @Test
  void init_withPasswordFileAndEmail_storesThemAndWritesNoPasswordFile() throws Exception {
    PortcullisCli.Result r = new PortcullisCli(dir).run("init", "--data-dir", "d",
        "--root-email", "Ops@Example.COM", "--root-password-file",
        passwordFile(GOOD).toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).contains("Root user: Ops@example.com");
    assertThat(Files.exists(dir.resolve("d/root-password"))).isFalse();
    RootUser root = root(dir.resolve("d"));
    assertThat(root.email()).isEqualTo("Ops@example.com");
    assertThat(root.passwordResetRequired()).isFalse();
    assertThat(new PasswordHasher().matches(GOOD, root.passwordHash())).isTrue();
    assertThat(Files.exists(dir.resolve("d/credentials"))).isTrue();

    PortcullisCli.Result again = new PortcullisCli(dir).run("init", "--data-dir", "d",
        "--root-password-file", passwordFile("Other#Pass-77").toString());
    assertThat(again.exitCode()).as(again.describe()).isZero();
    assertThat(again.stdout()).contains("the root password given (--root-password-file or "
        + "PORTCULLIS_ROOT_PASSWORD) is not used");
    assertThat(root(dir.resolve("d")).passwordHash()).isEqualTo(root.passwordHash());
  }

  @Test
  void init_withTheEnvironment_takesEmailAndPasswordFromIt() throws Exception {
    PortcullisCli.Result r = new PortcullisCli(dir, Map.of("PORTCULLIS_ROOT_PASSWORD", GOOD,
        "PORTCULLIS_ROOT_EMAIL", "sec@example.org")).run("init", "--data-dir", "d");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout() + r.stderr()).doesNotContain(GOOD);
    RootUser root = root(dir.resolve("d"));
    assertThat(root.email()).isEqualTo("sec@example.org");
    assertThat(new PasswordHasher().matches(GOOD, root.passwordHash())).isTrue();
    assertThat(Files.exists(dir.resolve("d/root-password"))).isFalse();
  }

  @Test
  void init_withAPasswordLongerThan128Characters_isRefusedSinceItCouldNeverSignIn()
      throws Exception {
    PortcullisCli.Result r = new PortcullisCli(dir).run("init", "--data-dir", "d",
        "--root-email", "trinity@example.com", "--root-password-file",
        passwordFile(GOOD + "x".repeat(129)).toString());

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stderr()).contains("Password should have at most 128 characters");
  }

  @Test
  void init_withAWeakPasswordOrABadEmail_isRefusedWithEveryReasonAndCreatesNothing()
      throws Exception {
    PortcullisCli cli = new PortcullisCli(dir);

    PortcullisCli.Result weak = cli.run("init", "--data-dir", "d", "--root-email",
        "trinity@example.com", "--root-password-file", passwordFile("trinity1").toString());
    PortcullisCli.Result email = cli.run("init", "--data-dir", "e", "--root-email",
        "not an address", "--root-password-file", passwordFile(GOOD).toString());

    assertThat(weak.exitCode()).as(weak.describe()).isEqualTo(1);
    assertThat(weak.stderr()).contains("the root password is refused")
        .contains("Password should meet 1 more of the following requirements")
        .contains("Password is too common")
        .contains("Password should not contain the name of the root user's e-mail address")
        .doesNotContain("trinity1");
    assertThat(email.exitCode()).as(email.describe()).isEqualTo(1);
    assertThat(email.stderr()).contains("not an e-mail address: not an address");
    assertThat(this.<java.util.Optional<?>>read(dir.resolve("d"),
        tx -> tx.accounts().primary())).isEmpty();
  }

  @Test
  void rootReset_offline_setsThePasswordRemovesMfaAndRecordsTheEvent() throws Exception {
    PortcullisCli cli = new PortcullisCli(dir);
    assertThat(cli.run("init", "--data-dir", "d", "--root-password-file",
        passwordFile(GOOD).toString()).exitCode()).isZero();
    String account = root(dir.resolve("d")).accountId();
    try (JdbcStore store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("d/portcullis.db"),
        null, null)) {
      store.write(tx -> {
        tx.mfaDevices().insert(new MfaDevice(account, "arn:aws:iam::" + account
            + ":mfa/root-account-mfa-device", "root-account-mfa-device", "/", "v1:sealed",
            Instant.now(), account, Instant.now(), 1L, 0));
        return null;
      });
    }

    PortcullisCli.Result r = cli.run("root", "reset", "--data-dir", "d", "--password-file",
        passwordFile("Nw8!Tz4kpQ-yy").toString(), "--remove-mfa");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).contains("Removed 1 MFA device(s)")
        .contains("PasswordRecoveryCompleted");
    RootUser root = root(dir.resolve("d"));
    assertThat(new PasswordHasher().matches("Nw8!Tz4kpQ-yy", root.passwordHash())).isTrue();
    assertThat(root.passwordResetRequired()).isFalse();
    assertThat(this.<List<MfaDevice>>read(dir.resolve("d"),
        tx -> tx.mfaDevices().listForUser(account, account))).isEmpty();
    PortcullisCli.Result events = cli.run("audit", "events", "--data-dir", "d", "--json",
        "--action", "PasswordRecoveryCompleted");
    assertThat(events.exitCode()).as(events.describe()).isZero();
    assertThat(events.stdout()).contains("\"eventSource\":\"signin.amazonaws.com\"")
        .contains("\"eventType\":\"AwsConsoleSignIn\"").contains("\"type\":\"Root\"")
        .contains("\"passwordRecoveryCompleted\":\"Success\"").doesNotContain("Nw8!Tz4kpQ");
  }

  @Test
  void rootReset_withAWeakPassword_isRefusedWithItsReasonsAndChangesNothing() throws Exception {
    PortcullisCli cli = new PortcullisCli(dir);
    assertThat(cli.run("init", "--data-dir", "d", "--root-password-file",
        passwordFile(GOOD).toString()).exitCode()).isZero();

    PortcullisCli.Result r = cli.run("root", "reset", "--data-dir", "d", "--password-file",
        passwordFile("letmein").toString());

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stderr()).contains("Password should have a minimum length of 8")
        .contains("Password is too common");
    assertThat(new PasswordHasher().matches(GOOD, root(dir.resolve("d")).passwordHash()))
        .isTrue();
  }

  @Test
  void rootReset_whileServing_generatesARequiredChangeIntoA0600File() throws Exception {
    Path data = dir.resolve("served");
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data, 0))) {
      Path file = server.dataDirectory().rootPasswordFile();
      Files.delete(file); // the first start's generated password, already "used"
      PortcullisCli cli = new PortcullisCli(dir);

      PortcullisCli.Result r = cli.run("root", "reset", "--data-dir", "served");

      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String password = Files.readString(file).strip();
      assertThat(r.stdout() + r.stderr()).doesNotContain(password).contains(file.toString());
      RootUser root = server.store().read(tx -> tx.rootUser().find(server.accountId()))
          .orElseThrow();
      assertThat(root.passwordResetRequired()).isTrue();
      assertThat(new PasswordHasher().matches(password, root.passwordHash())).isTrue();
      assertThat(server.store().<List<String>>read(tx -> tx.audit().range(0, 10_000).stream()
          .map(e -> e.event().eventName()).toList())).contains("PasswordRecoveryCompleted");

      PortcullisCli.Result again = cli.run("root", "reset", "--data-dir", "served");
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.stderr()).contains("already exists");
      assertThat(Files.readString(file).strip()).isEqualTo(password);
    }
  }
}
