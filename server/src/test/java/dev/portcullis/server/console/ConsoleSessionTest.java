package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.portcullis.iam.domain.ConsoleSessionRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Console sessions: expiry on the server, fixation, sign-out, CSRF, what the store keeps. */
class ConsoleSessionTest {
  private static final MutableClock CLOCK = new MutableClock();
  private static final String PASSWORD = "Corr3ct-Horse-Battery";
  private static ConsoleFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = ConsoleFixture.start(CLOCK, EdgeConfig.defaults());
    fx.user("erin", PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.attachUserPolicy(b -> b.userName("erin")
          .policyArn("arn:aws:iam::aws:policy/IAMFullAccess"));
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

  private static ConsoleClient signedIn() {
    ConsoleClient browser = new ConsoleClient(fx.endpoint());
    assertThat(browser.signIn(fx.accountId(), "iam", "erin", PASSWORD).statusCode())
        .isEqualTo(303);
    assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
    return browser;
  }

  @Test
  void session_unusedForMoreThanTheIdleTimeout_endsOnTheServer() {
    ConsoleClient browser = signedIn();
    CLOCK.advance(Duration.ofMinutes(59));
    assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(59));
    assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(61));
    HttpResponse<String> r = browser.get("/console/");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/signin");
  }

  @Test
  void session_usedAllTheTime_endsTwelveHoursAfterSignIn() {
    ConsoleClient browser = signedIn();
    String token = browser.cookies.get(ConsoleHttp.SESSION_COOKIE);
    for (int i = 0; i < 23; i++) {
      CLOCK.advance(Duration.ofMinutes(30));
      assertThat(browser.get("/console/password").statusCode()).as("after %d min", 30 * (i + 1))
          .isEqualTo(200);
    }
    CLOCK.advance(Duration.ofMinutes(31));
    assertThat(browser.get("/console/password").statusCode()).isEqualTo(303);
    // The server forgot it: the same cookie sent again opens nothing either.
    ConsoleClient replay = new ConsoleClient(fx.endpoint());
    replay.cookies.put(ConsoleHttp.SESSION_COOKIE, token);
    CLOCK.reset();
    assertThat(replay.get("/console/").statusCode()).isEqualTo(303);
  }

  @Test
  void signOut_endsTheSessionOnTheServer() {
    ConsoleClient browser = signedIn();
    String token = browser.cookies.get(ConsoleHttp.SESSION_COOKIE);
    HttpResponse<String> out = browser.post("/console/signout", Map.of());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(ConsoleClient.setCookies(out, ConsoleHttp.SESSION_COOKIE).get(0))
        .contains("Max-Age=0");
    ConsoleClient replay = new ConsoleClient(fx.endpoint());
    replay.cookies.put(ConsoleHttp.SESSION_COOKIE, token);
    assertThat(replay.get("/console/").statusCode()).isEqualTo(303);
  }

  @Test
  void signIn_withAPlantedCookie_issuesANewTokenAndThePlantedOneOpensNothing() {
    ConsoleClient attacker = new ConsoleClient(fx.endpoint());
    attacker.get("/signin/" + fx.accountId());
    String planted = attacker.cookies.get(ConsoleHttp.SIGNIN_COOKIE);
    ConsoleClient victim = new ConsoleClient(fx.endpoint());
    victim.cookies.put(ConsoleHttp.SIGNIN_COOKIE, planted);
    victim.cookies.put(ConsoleHttp.SESSION_COOKIE, planted);
    assertThat(victim.signIn(fx.accountId(), "iam", "erin", PASSWORD).statusCode())
        .isEqualTo(303);
    String session = victim.cookies.get(ConsoleHttp.SESSION_COOKIE);
    assertThat(session).isNotEqualTo(planted).hasSize(43);
    assertThat(victim.cookies).doesNotContainKey(ConsoleHttp.SIGNIN_COOKIE);
    attacker.cookies.put(ConsoleHttp.SESSION_COOKIE, planted);
    assertThat(attacker.get("/console/").statusCode()).isEqualTo(303);
  }

  @Test
  void post_withoutTheSessionsCsrfToken_isRefusedAndChangesNothing() {
    ConsoleClient browser = signedIn();
    HttpResponse<String> none = browser.postRaw("/console/users", Map.of("userName",
        "csrf-victim"), browser.origin, "same-origin");
    assertThat(none.statusCode()).isEqualTo(403);
    HttpResponse<String> other = browser.postRaw("/console/users", Map.of("csrf",
        SessionTokens.csrf(SessionTokens.newToken()), "userName", "csrf-victim"),
        browser.origin, "same-origin");
    assertThat(other.statusCode()).isEqualTo(403);
    browser.get("/console/users");
    HttpResponse<String> crossSite = browser.postRaw("/console/users", Map.of("csrf",
        browser.csrf(), "userName", "csrf-victim"), "https://evil.example", "cross-site");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    try (var iam = fx.adminIam()) {
      assertThat(iam.listUsers().users()).noneMatch(u -> u.userName().equals("csrf-victim"));
    }
    browser.get("/console/users");
    assertThat(browser.post("/console/users", Map.of("userName", "csrf-ok")).statusCode())
        .isEqualTo(200);
    try (var iam = fx.adminIam()) {
      assertThat(iam.listUsers().users()).anyMatch(u -> u.userName().equals("csrf-ok"));
    }
  }

  @Test
  void store_keepsOnlyTheTokensDigest() {
    ConsoleClient browser = signedIn();
    String token = browser.cookies.get(ConsoleHttp.SESSION_COOKIE);
    Optional<ConsoleSessionRecord> byToken = fx.server.store().read(
        tx -> tx.consoleSessions().find(token));
    Optional<ConsoleSessionRecord> byDigest = fx.server.store().read(
        tx -> tx.consoleSessions().find(SessionTokens.hash(token)));
    assertThat(byToken).isEmpty();
    assertThat(byDigest).isPresent();
  }
}
