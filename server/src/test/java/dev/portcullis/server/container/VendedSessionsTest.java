package dev.portcullis.server.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VendedSessionsTest {
  private static final Instant ISSUED = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void fresh_forAnHourSession_untilFifteenMinutesBeforeExpiry() {
    Instant expires = ISSUED.plus(Duration.ofHours(1));
    assertThat(VendedSessions.fresh(ISSUED, expires, ISSUED.plus(Duration.ofMinutes(44))))
        .isTrue();
    assertThat(VendedSessions.fresh(ISSUED, expires, ISSUED.plus(Duration.ofMinutes(45))))
        .isFalse();
    assertThat(VendedSessions.fresh(ISSUED, expires, expires.plusSeconds(1))).isFalse();
  }

  @Test
  void fresh_forAShortSession_untilTheLastQuarterOfItsLifetime() {
    Instant expires = ISSUED.plus(Duration.ofMinutes(20));
    assertThat(VendedSessions.fresh(ISSUED, expires, ISSUED.plus(Duration.ofMinutes(14))))
        .isTrue();
    assertThat(VendedSessions.fresh(ISSUED, expires, ISSUED.plus(Duration.ofMinutes(15))))
        .isFalse();
  }
}
