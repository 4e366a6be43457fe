package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.server.console.PasskeyChallenges.Ceremony;
import dev.portcullis.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The bound on WebAuthn challenges under way: when someone fills it (one challenge per
 * session, so with many sign-ins of a password they know), other people get a page without a
 * passkey button, never a 500, and the ceremonies already under way keep their challenges.
 */
class PasskeyChallengesTest {
  private final MutableClock clock = new MutableClock();

  private static ConsoleSessions.Found session(String token) {
    Instant now = Instant.now();
    return new ConsoleSessions.Found(token, new ConsoleSessionRecord(SessionTokens.hash(token),
        "123456789012", ConsoleSessionRecord.Principal.IAM_USER, "AIDAEXAMPLE",
        ConsoleSessionRecord.Stage.MFA, null, now, now, now.plusSeconds(600)));
  }

  @Test
  void issue_whenEverySlotHoldsALiveChallenge_answersEmptyAndKeepsThoseUnderWay() {
    PasskeyChallenges challenges = new PasskeyChallenges(clock, 2);
    ConsoleSessions.Found a = session("a");
    ConsoleSessions.Found b = session("b");
    ConsoleSessions.Found victim = session("victim");
    assertThat(challenges.issue(a, Ceremony.SIGN_IN)).isPresent();
    assertThat(challenges.issue(b, Ceremony.SIGN_IN)).isPresent();

    assertThat(challenges.issue(victim, Ceremony.SIGN_IN)).isEmpty();
    // A session already holding one may renew it (a reload of its page).
    assertThat(challenges.issue(a, Ceremony.SIGN_IN)).isPresent();
    assertThat(challenges.take(b, Ceremony.SIGN_IN)).isPresent();

    clock.advance(PasskeyChallenges.LIFETIME.plus(Duration.ofSeconds(1)));
    assertThat(challenges.issue(victim, Ceremony.SIGN_IN)).isPresent();
  }
}
