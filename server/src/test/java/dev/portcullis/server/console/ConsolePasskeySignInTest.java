package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.mfa.passkeys.PasskeyOptions;
import dev.portcullis.iam.mfa.passkeys.PasskeyOwner;
import dev.portcullis.iam.mfa.passkeys.Passkeys;
import dev.portcullis.iam.mfa.passkeys.RelyingParty;
import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.passkeys.SoftwareAuthenticator;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user with a passkey finishes the console sign-in with it: the MFA step serves assertion
 * options over a challenge it keeps for the pending session, accepts one assertion over that
 * challenge (MFAUsed Yes, the passkey's serial as MFAIdentifier), and refuses, as a failed MFA
 * sign-in, an assertion over any other challenge or a second answer to a spent one.
 */
class ConsolePasskeySignInTest {
  private static final String PASSWORD = "Passkey-Us3r-Password";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static ConsoleFixture fx;
  private static SoftwareAuthenticator authenticator;

  @BeforeAll
  static void start() throws Exception {
    fx = ConsoleFixture.start(Clock.systemUTC(), EdgeConfig.defaults());
    fx.user("pia", PASSWORD, false);
    String userId = fx.server.store().read(tx -> tx.users().findByName(fx.accountId(), "pia"))
        .orElseThrow().userId();
    String origin = fx.endpoint().toString();
    authenticator = new SoftwareAuthenticator(origin);
    RelyingParty rp = RelyingParty.forHost("127.0.0.1");
    PasskeyOwner owner = PasskeyOwner.user(fx.accountId(), userId, "pia");
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    String response = authenticator.create(PasskeyOptions.creation(rp, owner, List.of(),
        challenge));
    fx.server.store().write(tx -> Passkeys.register(tx, rp, origin, challenge, owner, response,
        "laptop", Instant.now()));
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  /** Signs pia in with her password and opens the MFA step's page. */
  private static ConsoleClient atMfaStep() {
    ConsoleClient c = new ConsoleClient(fx.endpoint());
    HttpResponse<String> r = c.signIn(fx.accountId(), "iam", "pia", PASSWORD);
    assertThat(r.headers().firstValue("location")).hasValue("/signin/" + fx.accountId()
        + "/mfa");
    HttpResponse<String> page = c.get("/signin/" + fx.accountId() + "/mfa");
    assertThat(page.body()).contains("Use a passkey");
    return c;
  }

  private static HttpResponse<String> answer(ConsoleClient c, String assertion) {
    return c.postJson("/signin/" + fx.accountId() + "/mfa", "{\"credential\":" + assertion
        + "}", c.attribute("passkey-signin", "data-csrf"));
  }

  private static List<String> signInEvents() {
    CloudTrailRecords records = new CloudTrailRecords(Map.of());
    return fx.trail.all().stream().filter(e -> "ConsoleLogin".equals(e.eventName()))
        .map(e -> records.event(e).record()).toList();
  }

  @Test
  void mfaStep_whenPasskeyAnswersTheChallenge_signsInWithMfaUsed() {
    ConsoleClient c = atMfaStep();
    fx.trail.clear();
    String assertion = authenticator.get(c.attribute("passkey-signin", "data-options"));
    HttpResponse<String> r = answer(c, assertion);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/console/");
    assertThat(c.get("/console/").statusCode()).isEqualTo(200);
    assertThat(signInEvents()).singleElement().asString()
        .contains("\"ConsoleLogin\":\"Success\"").contains("\"MFAUsed\":\"Yes\"")
        .contains("\"MFAIdentifier\":\"arn:aws:iam::" + fx.accountId() + ":u2f/user/pia/laptop-");
  }

  @Test
  void mfaStep_whenPasskeySignsAnotherChallenge_refusedAsFailedMfaSignIn() {
    ConsoleClient c = atMfaStep();
    fx.trail.clear();
    authenticator.challengeOverride = new byte[32];
    String assertion;
    try {
      assertion = authenticator.get(c.attribute("passkey-signin", "data-options"));
    } finally {
      authenticator.challengeOverride = null;
    }
    HttpResponse<String> r = answer(c, assertion);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("The passkey was not accepted.");
    assertThat(signInEvents()).singleElement().asString()
        .contains("\"ConsoleLogin\":\"Failure\"").contains("\"MFAUsed\":\"Yes\"")
        .contains("challenge");
    assertThat(c.get("/console/").headers().firstValue("location"))
        .hasValue("/signin/" + fx.accountId() + "/mfa");
  }

  @Test
  void mfaStep_whenChallengeAlreadyAnswered_refusesEvenAValidAssertion() {
    ConsoleClient c = atMfaStep();
    String options = c.attribute("passkey-signin", "data-options");
    String csrf = c.attribute("passkey-signin", "data-csrf");
    String valid = authenticator.get(options);
    // A first answer (unreadable) spends the challenge.
    HttpResponse<String> first = c.postJson("/signin/" + fx.accountId() + "/mfa",
        "{\"credential\":{\"id\":\"x\"}}", csrf);
    assertThat(first.statusCode()).isEqualTo(401);
    fx.trail.clear();
    HttpResponse<String> second = c.postJson("/signin/" + fx.accountId() + "/mfa",
        "{\"credential\":" + valid + "}", csrf);
    assertThat(second.statusCode()).isEqualTo(401);
    assertThat(signInEvents()).singleElement().asString()
        .contains("\"ConsoleLogin\":\"Failure\"").contains("no challenge is pending");
  }

  @Test
  void mfaStep_whenPasskeyPostLacksCsrfHeader_refused() {
    ConsoleClient c = atMfaStep();
    String valid = authenticator.get(c.attribute("passkey-signin", "data-options"));
    HttpResponse<String> r = c.postJson("/signin/" + fx.accountId() + "/mfa",
        "{\"credential\":" + valid + "}", "wrong");
    assertThat(r.statusCode()).isEqualTo(403);
  }
}
