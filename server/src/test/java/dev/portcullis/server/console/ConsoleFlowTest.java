package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
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
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * The steps after the password (MFA, forced change, HardExpiry) and console actions: run
 * through the invoker, authorized by the caller's policies, recorded as API calls, a denial
 * explained.
 */
class ConsoleFlowTest {
  private static final MutableClock CLOCK = new MutableClock();
  private static final String PASSWORD = "Corr3ct-Horse-Battery";
  private static final String CHANGE = "arn:aws:iam::aws:policy/IAMUserChangePassword";
  private static ConsoleFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = ConsoleFixture.start(CLOCK, EdgeConfig.defaults());
    try (var iam = fx.adminIam()) {
      iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12).requireNumbers(true)
          .requireSymbols(true).requireUppercaseCharacters(true)
          .requireLowercaseCharacters(true));
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
  void signIn_whenAResetIsRequired_refusesAWeakPasswordWithEachBrokenRuleThenSignsIn() {
    fx.user("frank", PASSWORD, true);
    try (var iam = fx.adminIam()) {
      iam.attachUserPolicy(b -> b.userName("frank").policyArn(CHANGE));
    }
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    HttpResponse<String> r = browser.signIn(fx.accountId(), "iam", "frank", PASSWORD);
    String step = "/signin/" + fx.accountId() + "/password";
    assertThat(r.headers().firstValue("location")).hasValue(step);
    assertThat(browser.get("/console/").statusCode()).as("not signed in yet").isEqualTo(303);
    browser.get(step);
    HttpResponse<String> weak = browser.post(step, Map.of("oldPassword", PASSWORD,
        "newPassword", "weak", "confirmPassword", "weak"));
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("<li>Password should have a minimum length of 12</li>")
        .contains("<li>Password should have at least one uppercase letter</li>")
        .contains("<li>Password should have at least one number</li>")
        .contains("<li>Password should have at least one symbol</li>");
    HttpResponse<String> good = browser.post(step, Map.of("oldPassword", PASSWORD,
        "newPassword", "N3w-Passw0rd-Good", "confirmPassword", "N3w-Passw0rd-Good"));
    assertThat(good.statusCode()).isEqualTo(303);
    assertThat(good.headers().firstValue("location")).hasValue("/console/");
    assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
    // The reset is done: the next sign-in goes straight in.
    assertThat(new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "frank",
        "N3w-Passw0rd-Good").headers().firstValue("location")).hasValue("/console/");
  }

  @Test
  void signIn_ofAUserWithMfa_needsAValidCodeAndRecordsMfaUsed() {
    fx.user("gina", PASSWORD, false);
    byte[] seed;
    try (var iam = fx.adminIam()) {
      VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("gina"))
          .virtualMFADevice();
      seed = Base32.decode(device.base32StringSeed().asUtf8String());
      long step = Totp.step(CLOCK.instant());
      iam.enableMFADevice(b -> b.userName("gina").serialNumber(device.serialNumber())
          .authenticationCode1(Totp.code(seed, step - 1))
          .authenticationCode2(Totp.code(seed, step)));
    }
    CLOCK.advance(Duration.ofSeconds(30));
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    HttpResponse<String> r = browser.signIn(fx.accountId(), "iam", "gina", PASSWORD);
    String mfa = "/signin/" + fx.accountId() + "/mfa";
    assertThat(r.headers().firstValue("location")).hasValue(mfa);
    String pending = browser.cookies.get(ConsoleHttp.SESSION_COOKIE);
    assertThat(browser.get("/console/").statusCode()).as("not signed in yet").isEqualTo(303);
    browser.get(mfa);
    String right = Totp.code(seed, Totp.step(CLOCK.instant()));
    String wrong = right.equals("000000") ? "111111" : "000000";
    assertThat(browser.post(mfa, Map.of("code", wrong)).statusCode()).isEqualTo(401);
    fx.trail.clear();
    HttpResponse<String> ok = browser.post(mfa, Map.of("code", right));
    assertThat(ok.headers().firstValue("location")).hasValue("/console/");
    assertThat(browser.cookies.get(ConsoleHttp.SESSION_COOKIE)).isNotEqualTo(pending);
    assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
    CallRecord signIn = fx.trail.all().stream().filter(c -> c.signIn() != null).findFirst()
        .orElseThrow();
    assertThat(new CloudTrailRecords(Map.of()).event(signIn).record())
        .contains("\"MFAUsed\":\"Yes\"").contains("\"ConsoleLogin\":\"Success\"");
  }

  @Test
  void signIn_withAPasswordExpiredUnderHardExpiry_isRefusedInAwsWords() {
    fx.user("hank", PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12).maxPasswordAge(30)
          .hardExpiry(true));
    }
    try {
      CLOCK.advance(Duration.ofDays(31));
      HttpResponse<String> r = new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam",
          "hank", PASSWORD);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains(SignInPages.HARD_EXPIRED);
    } finally {
      CLOCK.reset();
      try (var iam = fx.adminIam()) {
        iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12).requireNumbers(true)
            .requireSymbols(true).requireUppercaseCharacters(true)
            .requireLowercaseCharacters(true));
      }
    }
  }

  @Test
  void consoleAction_deniedToAReadOnlyUser_isExplainedAndRecordedAsTheApiCall() {
    fx.user("ivy", PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.attachUserPolicy(b -> b.userName("ivy")
          .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    }
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    browser.signIn(fx.accountId(), "iam", "ivy", PASSWORD);
    browser.get("/console/users");
    fx.trail.clear();
    HttpResponse<String> r = browser.post("/console/users", Map.of("userName", "ivy-made"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("is not authorized to perform: iam:CreateUser")
        .contains("No identity-based policy (of yours or your groups) allows this action.")
        .doesNotContain("Encoded authorization failure message");
    List<CallRecord> calls = fx.trail.all().stream()
        .filter(c -> "CreateUser".equals(c.eventName())).toList();
    assertThat(calls).hasSize(1);
    CallRecord call = calls.get(0);
    assertThat(call.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(call.error().code().code()).isEqualTo("AccessDenied");
    assertThat(call.identity().userName()).isEqualTo("ivy");
    assertThat(call.identity().sessionContext()).isNotNull();
  }

  @Test
  void consoleAction_allowedByPolicy_runsAndIsRecordedInItsTransaction() {
    fx.user("jack", PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.putUserPolicy(b -> b.userName("jack").policyName("mfa-only").policyDocument(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
          + "\"iam:*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"iam:DeleteUser\","
          + "\"Resource\":\"*\"}]}"));
    }
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    browser.signIn(fx.accountId(), "iam", "jack", PASSWORD);
    browser.get("/console/users");
    fx.trail.clear();
    HttpResponse<String> r = browser.post("/console/users", Map.of("userName", "jack-made"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("User jack-made was created.");
    CallRecord created = fx.trail.all().stream().filter(c -> "CreateUser".equals(
        c.eventName())).findFirst().orElseThrow();
    assertThat(created.error()).isNull();
    assertThat(new CloudTrailRecords(Map.of()).event(created).record())
        .contains("\"type\":\"IAMUser\"").contains("\"userName\":\"jack\"")
        .contains("\"eventType\":\"AwsApiCall\"");
  }

  @Test
  void consoleAction_withBadInput_answersTheApisValidationError() {
    fx.user("kate", PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.attachUserPolicy(b -> b.userName("kate")
          .policyArn("arn:aws:iam::aws:policy/IAMFullAccess"));
    }
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    browser.signIn(fx.accountId(), "iam", "kate", PASSWORD);
    browser.get("/console/users");
    HttpResponse<String> r = browser.post("/console/users", Map.of("userName",
        "<script>alert(1)</script>"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("<script>alert(1)</script>");
  }

  @Test
  void eventsPage_showsSignInsWithTheirOutcomeToWhoMayLookUpEvents() throws Exception {
    fx.user("lee", PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.putUserPolicy(b -> b.userName("lee").policyName("trail").policyDocument(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
          + "\"cloudtrail:LookupEvents\",\"Resource\":\"*\"}]}"));
    }
    new ConsoleClient(fx.endpoint()).signIn(fx.accountId(), "iam", "lee", "Wrong-passw0rd");
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    browser.signIn(fx.accountId(), "iam", "lee", PASSWORD);
    String page = "";
    for (int i = 0; i < 50 && !(page.contains("Failure") && page.contains("Success")); i++) {
      Thread.sleep(100); // sign-in events reach the store through the trail's batch writer
      page = browser.get("/console/events?attribute=Username&value=lee").body();
    }
    assertThat(page).contains("ConsoleLogin").contains("Failure").contains("Success")
        .contains("&quot;eventSource&quot; : &quot;signin.amazonaws.com&quot;")
        .doesNotContain(PASSWORD);
    ConsoleClient noTrail = new ConsoleClient(fx.endpoint());
    fx.user("mia", PASSWORD, false);
    noTrail.signIn(fx.accountId(), "iam", "mia", PASSWORD);
    assertThat(noTrail.get("/console/events").body()).contains("Access denied")
        .contains("cloudtrail:LookupEvents");
  }

  @Test
  void consoleSession_isAuthorizedWithTheMfaOfItsSignIn() {
    fx.user("nina", PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.attachUserPolicy(b -> b.userName("nina")
          .policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
      iam.putUserPolicy(b -> b.userName("nina").policyName("require-mfa").policyDocument(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":"
          + "\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":"
          + "{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}"));
    }
    ConsoleClient withoutMfa = new ConsoleClient(fx.endpoint());
    withoutMfa.signIn(fx.accountId(), "iam", "nina", PASSWORD);
    assertThat(withoutMfa.get("/console/users").body()).contains("You may not list users")
        .contains("Denied by an explicit Deny statement in an identity-based policy.");

    byte[] seed;
    try (var iam = fx.adminIam()) {
      VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("nina"))
          .virtualMFADevice();
      seed = Base32.decode(device.base32StringSeed().asUtf8String());
      long step = Totp.step(CLOCK.instant());
      iam.enableMFADevice(b -> b.userName("nina").serialNumber(device.serialNumber())
          .authenticationCode1(Totp.code(seed, step - 1))
          .authenticationCode2(Totp.code(seed, step)));
    }
    CLOCK.advance(Duration.ofSeconds(30));
    ConsoleClient withMfa = new ConsoleClient(fx.endpoint());
    withMfa.signIn(fx.accountId(), "iam", "nina", PASSWORD);
    String mfa = "/signin/" + fx.accountId() + "/mfa";
    withMfa.get(mfa);
    withMfa.post(mfa, Map.of("code", Totp.code(seed, Totp.step(CLOCK.instant()))));
    String users = withMfa.get("/console/users").body();
    assertThat(users).doesNotContain("You may not list users").contains("<td>nina</td>");
  }
}
