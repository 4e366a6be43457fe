package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Console sign-in over plain HTTP: the password step, its events, enumeration, throttling. */
class ConsoleSignInTest {
  private static final MutableClock CLOCK = new MutableClock();
  private static final String PASSWORD = "Corr3ct-Horse-Battery";
  private static ConsoleFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = ConsoleFixture.start(CLOCK, EdgeConfig.defaults());
    fx.user("alice", PASSWORD, false);
    fx.user("carol", PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.createUser(b -> b.userName("noprofile"));
      iam.createAccountAlias(b -> b.accountAlias("example-corp"));
      iam.attachUserPolicy(b -> b.userName("alice")
          .policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @AfterEach
  void resetClock() {
    CLOCK.reset();
  }

  @Test
  void root_withoutAnApiAction_redirectsToTheAccountsSignInPage() {
    HttpResponse<String> r = new ConsoleClient(fx.endpoint()).get("/");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/signin/" + fx.accountId());
  }

  @Test
  void signInPage_byAlias_isServedWithStrictSecurityHeaders() {
    HttpResponse<String> r = new ConsoleClient(fx.endpoint()).get("/signin/example-corp");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("example-corp").contains(fx.accountId());
    assertThat(r.headers().firstValue("content-security-policy").orElseThrow())
        .contains("default-src 'self'").contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("referrer-policy")).hasValue("same-origin");
  }

  @Test
  void signIn_withTheRightPassword_setsAnHttpOnlyStrictSessionCookieAndShowsTheDashboard() {
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    HttpResponse<String> r = browser.signIn(fx.accountId(), "iam", "alice", PASSWORD);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/console/");
    String cookie = ConsoleClient.setCookies(r, ConsoleHttp.SESSION_COOKIE).get(0);
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
        .doesNotContain("Secure");
    HttpResponse<String> dashboard = browser.get("/console/");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Security status").contains("alice")
        .contains("/signin/example-corp");
  }

  @Test
  void signIn_wrongPasswordUnknownUserOrUserWithoutPassword_answerAlike() {
    List<HttpResponse<String>> answers = List.of(
        new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "carol", "wrong-Pass1"),
        new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "nobody", "wrong-Pass1"),
        new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "noprofile",
            "wrong-Pass1"));
    for (HttpResponse<String> r : answers) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains(SignInPages.INCORRECT);
    }
    String first = withoutTokens(answers.get(0).body());
    assertThat(answers).allSatisfy(r -> assertThat(withoutTokens(r.body())).isEqualTo(first));
  }

  @Test
  void signIn_everyAttempt_isAConsoleLoginEventAsCloudTrailRecordsIt() throws Exception {
    fx.trail.clear();
    new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "nobody", "Wrong-pass1");
    new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "alice", PASSWORD);
    List<CallRecord> signIns = fx.trail.all().stream()
        .filter(c -> "ConsoleLogin".equals(c.eventName())).toList();
    assertThat(signIns).hasSize(2);
    CloudTrailRecords records = new CloudTrailRecords(Map.of());
    String failure = records.event(signIns.get(0)).record();
    assertThat(failure).contains("\"eventSource\":\"signin.amazonaws.com\"")
        .contains("\"eventType\":\"AwsConsoleSignIn\"")
        .contains("\"errorMessage\":\"Failed authentication\"")
        .contains("\"responseElements\":{\"ConsoleLogin\":\"Failure\"")
        .contains("\"MFAUsed\":\"No\"").contains("HIDDEN_DUE_TO_SECURITY_REASONS");
    String success = records.event(signIns.get(1)).record();
    assertThat(success).contains("\"ConsoleLogin\":\"Success\"").contains("\"userName\":\"alice\"")
        .doesNotContain("errorMessage").doesNotContain(PASSWORD);
  }

  @Test
  void signIn_success_recordsPasswordLastUsedForTheCredentialReport() {
    new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "carol", PASSWORD);
    try (var iam = fx.adminIam()) {
      assertThat(iam.getUser(b -> b.userName("carol")).user().passwordLastUsed()).isNotNull();
    }
  }

  @Test
  void signIn_afterFiveFailuresFromOneAddress_makesEvenTheRightPasswordWait() {
    fx.user("dave", PASSWORD, false);
    for (int i = 0; i < SignInThrottle.PAIR_FREE + 1; i++) {
      assertThat(new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "dave",
          "Wrong-pass" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = new ConsoleClient(fx.endpoint()).signIn(fx.accountId(),
        "iam", "dave", PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.body()).contains("Too many failed sign-in attempts. Wait 1 minute");
    // The same answer for a user name that does not exist: a wait tells no one who exists.
    for (int i = 0; i < SignInThrottle.PAIR_FREE + 1; i++) {
      new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "ghost", "Wrong-pass" + i);
    }
    assertThat(new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "ghost",
        PASSWORD).statusCode()).isEqualTo(429);

    CLOCK.advance(Duration.ofMinutes(2));
    assertThat(new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "dave", PASSWORD)
        .statusCode()).isEqualTo(303);
    // The success cleared the count: one more wrong password is not yet a wait.
    assertThat(new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "dave",
        "Wrong-pass").statusCode()).isEqualTo(401);
  }

  @Test
  void signIn_withAFormFromElsewhere_isRefused() {
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    browser.get("/signin/" + fx.accountId());
    HttpResponse<String> r = browser.postRaw("/signin/" + fx.accountId(), Map.of("csrf",
        browser.csrf(), "kind", "iam", "username", "alice", "password", PASSWORD),
        "https://evil.example", "cross-site");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(browser.cookies).doesNotContainKey(ConsoleHttp.SESSION_COOKIE);
  }

  @Test
  void signInPage_ofAnAccountThatDoesNotExist_isNotFound() {
    assertThat(new ConsoleClient(fx.endpoint()).get("/signin/999999999999").statusCode())
        .isEqualTo(404);
  }

  /** A page without its per-request parts (form tokens, request ids). */
  private static String withoutTokens(String html) {
    return html.replaceAll("value=\"[A-Za-z0-9_-]{43}\"", "value=\"\"");
  }
}
