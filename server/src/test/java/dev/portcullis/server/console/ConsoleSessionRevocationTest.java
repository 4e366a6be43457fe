package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.HostAdministration;
import dev.portcullis.server.ServerConfig;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A console session ends when the password it was opened with stops being valid elsewhere:
 * the login profile deleted, a new password set by an administrator, root's password recovered
 * by {@code portcullis root reset} while the server runs.
 */
class ConsoleSessionRevocationTest {
  private static final String PASSWORD = "Corr3ct-Horse-Battery";
  private static ConsoleFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = ConsoleFixture.start(Clock.systemUTC(), EdgeConfig.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static ConsoleClient signedIn(String kind, String name, String password) {
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    assertThat(browser.signIn(fx.accountId(), kind, name, password).statusCode())
        .isEqualTo(303);
    assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
    return browser;
  }

  private static void assertSignedOut(ConsoleClient browser) {
    HttpResponse<String> r = browser.get("/console/");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/signin");
  }

  @Test
  void deleteLoginProfile_whileTheUserIsSignedIn_endsTheUsersConsoleSession() {
    fx.user("gina", PASSWORD, false);
    ConsoleClient browser = signedIn("iam", "gina", PASSWORD);
    try (var iam = fx.adminIam()) {
      iam.deleteLoginProfile(b -> b.userName("gina"));
    }
    assertSignedOut(browser);
  }

  @Test
  void updateLoginProfile_withANewPassword_endsTheSessionsOfTheOldOneButNotOthers() {
    fx.user("hank", PASSWORD, false);
    fx.user("ivy", PASSWORD, false);
    ConsoleClient hank = signedIn("iam", "hank", PASSWORD);
    ConsoleClient ivy = signedIn("iam", "ivy", PASSWORD);
    try (var iam = fx.adminIam()) {
      iam.updateLoginProfile(b -> b.userName("hank").passwordResetRequired(true));
      assertThat(hank.get("/console/").statusCode()).isEqualTo(200);
      iam.updateLoginProfile(b -> b.userName("hank").password("An0ther-Reset-Passw0rd"));
    }
    assertSignedOut(hank);
    assertThat(ivy.get("/console/").statusCode()).isEqualTo(200);
  }

  @Test
  void rootReset_whileRootIsSignedIn_endsRootsConsoleSession() {
    String email = fx.server.store().read(tx -> tx.rootUser().find(fx.accountId()))
        .orElseThrow().email();
    String hash = new PasswordHasher().hash(PASSWORD);
    fx.server.store().write(tx -> {
      tx.rootUser().setPassword(fx.accountId(), hash, false, Instant.now());
      return null;
    });
    ConsoleClient root = signedIn("root", email, PASSWORD);

    HostAdministration.resetRoot(ServerConfig.local(fx.root, 0), "Qv7#Rk2mzt-9x",
        false);

    assertSignedOut(root);
  }
}
