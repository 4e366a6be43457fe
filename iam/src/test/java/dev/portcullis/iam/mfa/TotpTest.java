package dev.portcullis.iam.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
  /** RFC 6238 appendix B's SHA-1 key: the ASCII digits "1234567890" twice. */
  private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
      "59, 94287082",
      "1111111109, 07081804",
      "1111111111, 14050471",
      "1234567890, 89005924",
      "2000000000, 69279037",
      "20000000000, 65353130"})
  void code_ofRfc6238Sha1TestVectors_matchesThePublishedEightDigitValues(long unixTime,
      String expected) {
    long step = Totp.step(Instant.ofEpochSecond(unixTime));

    assertThat(Totp.code(RFC_KEY, step, 8)).isEqualTo(expected);
  }

  @Test
  void code_withSixDigits_isTheLastSixOfTheEightDigitValue() {
    assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo(
        "081804");
  }

  @Test
  void step_countsThirtySecondStepsFromTheEpoch() {
    assertThat(Totp.step(Instant.ofEpochSecond(59))).isEqualTo(1);
    assertThat(Totp.step(Instant.ofEpochSecond(60))).isEqualTo(2);
    assertThat(Totp.step(Instant.ofEpochSecond(-1))).isEqualTo(-1);
  }

  @Test
  void findStep_withinTheRange_answersTheStepOfTheCode() {
    String code = Totp.code(RFC_KEY, 1000);

    assertThat(Totp.findStep(RFC_KEY, code, 999, 1001)).hasValue(1000);
    assertThat(Totp.findStep(RFC_KEY, code, 1001, 1003)).isEmpty();
  }

  @Test
  void findConsecutive_ofTwoCodesInOrder_answersTheFirstStep() {
    String a = Totp.code(RFC_KEY, 500);
    String b = Totp.code(RFC_KEY, 501);

    assertThat(Totp.findConsecutive(RFC_KEY, a, b, 499, 501)).hasValue(500);
    assertThat(Totp.findConsecutive(RFC_KEY, b, a, 499, 502)).isEmpty();
    assertThat(Totp.findConsecutive(RFC_KEY, a, b, 499, 500)).isEmpty();
  }
}
