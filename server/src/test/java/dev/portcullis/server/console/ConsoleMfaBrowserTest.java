package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.server.EdgeConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MFA enrollment and sign-in in a real browser (headless chromium): the root user signs in
 * with the password of first start, must change it, enrolls an authenticator app from the seed
 * shown once, and the dashboard's root-MFA check turns green; a user registers a passkey with
 * Chrome's virtual authenticator, signs out, and signs in with password and passkey; the
 * events page shows these sign-ins. Served on localhost: a WebAuthn relying party id is a host
 * name, never an IP address. Screenshots: server/target/console-screenshots/.
 */
class ConsoleMfaBrowserTest {
  private static final String USER_PASSWORD = "Passkey-Br0wser-Passw0rd";
  private static final String NEW_ROOT_PASSWORD = "Root-Chang3d-In-Browser!";
  private static ConsoleFixture fx;
  private static URI localhost;
  private static String rootPassword;
  private static String email;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ConsoleBrowser.available(), "chromium and chromium-driver are not installed");
    fx = ConsoleFixture.start(Clock.systemUTC(), EdgeConfig.defaults());
    localhost = URI.create(fx.server.scheme() + "://localhost:" + fx.server.port());
    // The password first start generated (root must change it at its first sign-in).
    Path file = fx.server.dataDirectory().rootPasswordFile();
    assertThat(file).exists();
    rootPassword = Files.readString(file).trim();
    email = fx.server.store().read(tx -> tx.rootUser().find(fx.accountId())).orElseThrow()
        .email();
    try (var iam = fx.adminIam()) {
      iam.createUser(b -> b.userName("una"));
      iam.createLoginProfile(b -> b.userName("una").password(USER_PASSWORD));
      iam.putUserPolicy(b -> b.userName("una").policyName("own-mfa").policyDocument("""
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
          "iam:*MFADevice*","iam:ListMFADevices","cloudtrail:LookupEvents"],
          "Resource":"*"}]}"""));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void root_changesFirstPasswordEnrollsTotpAndRootMfaCheckTurnsGreen() {
    try (ConsoleBrowser browser = new ConsoleBrowser(localhost, "root-mfa")) {
      browser.open("/signin/" + fx.accountId());
      browser.click("kind-root");
      browser.type("username", email);
      browser.type("password", rootPassword);
      browser.press("Sign in");
      assertThat(browser.path()).isEqualTo("/signin/" + fx.accountId() + "/password");
      browser.type("oldPassword", rootPassword);
      browser.type("newPassword", NEW_ROOT_PASSWORD);
      browser.type("confirmPassword", NEW_ROOT_PASSWORD);
      browser.press("Change password");
      assertThat(browser.path()).isEqualTo("/console/");
      assertThat(browser.text()).contains("The root user has no MFA device.");

      browser.open(SecurityCredentialsPage.PATH);
      accessible(browser);
      browser.press("Show QR code");
      byte[] key = Base32.decode(browser.textOf("totp-seed"));
      accessible(browser);
      long step = Totp.step(Instant.now());
      browser.type("code1", Totp.code(key, step - 1));
      browser.type("code2", Totp.code(key, step));
      browser.press("Enable MFA device");
      assertThat(browser.text()).contains("is enabled").contains("Authenticator app");

      browser.open("/console/");
      assertThat(browser.text()).contains("The root user has MFA.");
      accessible(browser);
    }
  }

  @Test
  void user_registersPasskeySignsOutAndSignsInWithPasswordAndPasskey() {
    try (ConsoleBrowser browser = new ConsoleBrowser(localhost, "passkey")) {
      browser.addPasskeyAuthenticator();
      signIn(browser);
      assertThat(browser.path()).isEqualTo("/console/");
      browser.open(SecurityCredentialsPage.PATH);
      browser.type("passkey-name", "laptop");
      browser.clickAndWaitFor("passkey-register", ":u2f/user/una/laptop-");
      accessible(browser);
      browser.press("Sign out");

      signIn(browser);
      assertThat(browser.path()).isEqualTo("/signin/" + fx.accountId() + "/mfa");
      accessible(browser);
      browser.clickAndWaitFor("passkey-signin", "Security status");
      assertThat(browser.path()).isEqualTo("/console/");

      browser.open("/console/events?attribute=EventName&value=ConsoleLogin");
      assertThat(browser.text()).contains("ConsoleLogin").contains("una");
      accessible(browser);
    }
  }

  private static void signIn(ConsoleBrowser browser) {
    browser.open("/signin/" + fx.accountId());
    browser.type("username", "una");
    browser.type("password", USER_PASSWORD);
    browser.press("Sign in");
  }

  private static void accessible(ConsoleBrowser browser) {
    if (!Axe.available()) {
      System.err.println("axe-core is not installed (see .ci/run): accessibility not checked");
      return;
    }
    assertThat(browser.accessibilityViolations()).as("axe-core on %s", browser.path())
        .isEmpty();
  }
}
