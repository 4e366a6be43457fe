package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.server.EdgeConfig;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (headless chromium): a user whose password must be reset signs
 * in, is refused a weak password with the policy's reasons, sets a good one, sees the
 * dashboard and signs out; a read-only user is shown why an action was denied. Each main page
 * has no serious or critical axe-core finding. Screenshots of every page:
 * server/target/console-screenshots/.
 */
class ConsoleBrowserTest {
  private static final String FIRST = "Temp0rary-Passw0rd!";
  private static final String GOOD = "Gr8-Secret-Phrase-2026";
  private static ConsoleFixture fx;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ConsoleBrowser.available(), "chromium and chromium-driver are not installed");
    fx = ConsoleFixture.start(Clock.systemUTC(), EdgeConfig.defaults());
    try (var iam = fx.adminIam()) {
      iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(14).requireNumbers(true)
          .requireSymbols(true).requireUppercaseCharacters(true)
          .requireLowercaseCharacters(true).allowUsersToChangePassword(true));
      iam.createAccountAlias(b -> b.accountAlias("browser-corp"));
      iam.createUser(b -> b.userName("pat"));
      iam.createLoginProfile(b -> b.userName("pat").password(FIRST).passwordResetRequired(true));
      iam.attachUserPolicy(b -> b.userName("pat")
          .policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
      iam.createUser(b -> b.userName("rita"));
      iam.createLoginProfile(b -> b.userName("rita").password(FIRST));
      iam.attachUserPolicy(b -> b.userName("rita")
          .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void userWhosePasswordMustBeReset_changesItSeesTheDashboardAndSignsOut() {
    try (ConsoleBrowser browser = new ConsoleBrowser(fx.endpoint(), "reset")) {
      browser.open("/");
      assertThat(browser.path()).isEqualTo("/signin/" + fx.accountId());
      browser.open("/signin/browser-corp");
      accessible(browser);
      browser.type("username", "pat");
      browser.type("password", FIRST);
      browser.press("Sign in");
      assertThat(browser.path()).isEqualTo("/signin/browser-corp/password");

      browser.type("oldPassword", FIRST);
      browser.type("newPassword", "short1");
      browser.type("confirmPassword", "short1");
      browser.press("Change password");
      assertThat(browser.text()).contains("Your new password was refused")
          .contains("Password should have a minimum length of 14")
          .contains("Password should have at least one uppercase letter")
          .contains("Password should have at least one symbol");
      accessible(browser);

      browser.type("oldPassword", FIRST);
      browser.type("newPassword", GOOD);
      browser.type("confirmPassword", GOOD);
      browser.press("Change password");
      assertThat(browser.path()).isEqualTo("/console/");
      assertThat(browser.text()).contains("Security status").contains("pat @ ")
          .contains("/signin/browser-corp");
      accessible(browser);

      browser.open("/console/users");
      accessible(browser);
      browser.open("/console/password");
      accessible(browser);
      browser.press("Sign out");
      assertThat(browser.path()).isEqualTo("/signin/" + fx.accountId());
      browser.open("/console/");
      assertThat(browser.path()).isEqualTo("/signin/" + fx.accountId());
    }
  }

  @Test
  void readOnlyUser_isShownWhichPolicyTypeDeniedAnAction() {
    try (ConsoleBrowser browser = new ConsoleBrowser(fx.endpoint(), "readonly")) {
      browser.open("/signin/" + fx.accountId());
      browser.type("username", "rita");
      browser.type("password", FIRST);
      browser.press("Sign in");
      assertThat(browser.path()).isEqualTo("/console/");
      browser.open("/console/users");
      browser.type("userName", "new-hire");
      browser.press("Create user");
      assertThat(browser.text()).contains("Access denied")
          .contains("is not authorized to perform: iam:CreateUser")
          .contains("No identity-based policy (of yours or your groups) allows this action.");
      accessible(browser);
      browser.open("/console/events?attribute=EventName&value=ConsoleLogin");
      assertThat(browser.text()).contains("ConsoleLogin").contains("rita");
      accessible(browser);
    }
  }

  @Test
  void accessibilityCheck_onAPageWithAnUnlabelledField_findsTheViolation() {
    assumeTrue(Axe.available(), "axe-core is not installed (see .ci/run)");
    try (ConsoleBrowser browser = new ConsoleBrowser(fx.endpoint(), "axe")) {
      browser.show("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body>"
          + "<main><input type=\"text\"></main></body></html>");
      assertThat(browser.accessibilityViolations()).anyMatch(v -> v.startsWith("label:"));
    }
  }

  /** axe-core finds no serious or critical accessibility violation on the page. */
  private static void accessible(ConsoleBrowser browser) {
    if (!Axe.available()) {
      System.err.println("axe-core is not installed (see .ci/run): accessibility not checked");
      return;
    }
    assertThat(browser.accessibilityViolations()).as("axe-core on %s", browser.path())
        .isEmpty();
  }
}
