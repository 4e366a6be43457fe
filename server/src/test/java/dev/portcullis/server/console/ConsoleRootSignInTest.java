package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.server.EdgeConfig;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The root user signs in with its e-mail address and password, as Caller.Root without an
 * access key, and a generated first password must be changed.
 */
class ConsoleRootSignInTest {
  private static String email;
  private static final String FIRST = "Generated-F1rst-Passw0rd";
  private static ConsoleFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = ConsoleFixture.start(Clock.systemUTC(), EdgeConfig.defaults());
    String hash = new PasswordHasher().hash(FIRST);
    Instant now = Instant.now();
    // The server's first start made the root user; the test gives it a known first password.
    fx.server.store().write(tx -> {
      tx.rootUser().setPassword(fx.accountId(), hash, true, now);
      return null;
    });
    email = fx.server.store().read(tx -> tx.rootUser().find(fx.accountId())).orElseThrow()
        .email();
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @Test
  void root_signsInWithItsEmailChangesItsFirstPasswordAndSeesTheDashboard() {
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    assertThat(new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "root",
        "someone@example.com", FIRST).statusCode()).isEqualTo(401);
    HttpResponse<String> r = browser.signIn(fx.accountId(), "root", email.toUpperCase(), FIRST);
    String step = "/signin/" + fx.accountId() + "/password";
    assertThat(r.headers().firstValue("location")).hasValue(step);
    browser.get(step);
    assertThat(browser.post(step, Map.of("oldPassword", FIRST, "newPassword",
        "An0ther-Good-Passw0rd", "confirmPassword", "An0ther-Good-Passw0rd")).statusCode())
        .isEqualTo(303);
    HttpResponse<String> dashboard = browser.get("/console/");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Security status").contains(">root<");
    assertThat(fx.trail.all()).anyMatch(c -> "ConsoleLogin".equals(c.eventName())
        && "Root".equals(c.identity().type()) && c.signIn().success());
    assertThat(fx.trail.all()).anyMatch(c -> "PasswordUpdated".equals(c.eventName()));
  }
}
