package dev.portcullis.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.DateValues;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsersTest {

  @ParameterizedTest
  @CsvSource({
    "2020-01-01T00:00:00Z, 2020-01-01T00:00:00Z",
    "2020-01-01, 2020-01-01T00:00:00Z",
    "2020-02, 2020-02-01T00:00:00Z",
    "2020-01-01T10:30Z, 2020-01-01T10:30:00Z",
    "2020-01-01T10:30:15.123456Z, 2020-01-01T10:30:15.123Z",
    "2020-01-01T02:00:00+02:00, 2020-01-01T00:00:00Z",
    "2020-01-01T02:00:00+0200, 2020-01-01T00:00:00Z",
    "2019-12-31T19:00:00-05:00, 2020-01-01T00:00:00Z",
    "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z",
    "1577836800, 2020-01-01T00:00:00Z",
    "1969-07-20T20:17:40Z, 1969-07-20T20:17:40Z",
    "2016-12-13t2:00:00.593194+23, 2016-12-12T03:00:00.593Z",
    "2016-12-13T21:20:37.593194+00:00, 2016-12-13T21:20:37.593Z",
    "'2020-01-01T10:30:15,5Z', 2020-01-01T10:30:15.500Z",
    "2020-1-2T3:4:5Z, 2020-01-02T03:04:05Z",
    "2020-01-01T, 2020-01-01T00:00:00Z",
    "2020-01-01TZ, 2020-01-01T00:00:00Z",
    "0020-01-01, 0020-01-01T00:00:00Z",
    "20-01-01, 0020-01-01T00:00:00Z",
  })
  void epochMillis_whenIsoOrEpoch_readsTheInstant(String text, String instant) {
    assertThat(DateValues.epochMillis(text)).isEqualTo(Instant.parse(instant).toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2020-13-01",
        "2023-02-29",
        "2020-01-32",
        "2020-01-01T25:00Z",
        "2020-01-01X",
        "2020-01-01T10:30:00+",
        "2020-01-01T10:30:00.Z",
        "2016-12-13t2:00:00.1999999999+10:59",
        "2016-12-13t2:00:00.593194+1",
        "234-13",
        "9223372036854775808",
        "2020-01-01T10:30:00+02:",
        "2020-01-01Z",
        "2020-01-01T123:00Z",
        "-"
      })
  void epochMillis_whenNotADate_isInvalid(String text) {
    assertThat(DateValues.epochMillis(text)).isEqualTo(DateValues.INVALID);
  }

  @Test
  void epochMillis_whenEpochSecondsExceedMillis_readsTheLatestInstant() {
    assertThat(DateValues.epochMillis("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void epochMillis_whenYearIsAtIamLimits_readsTheEndsOfTime() {
    assertThat(DateValues.epochMillis("292278993-12-31T23:59:59Z"))
        .isGreaterThan(DateValues.epochMillis("292278993-01-01"));
    assertThat(DateValues.epochMillis("-292275054")).isNotEqualTo(DateValues.INVALID).isNegative();
    assertThat(DateValues.epochMillis("292278994")).isEqualTo(292278994000L);
    assertThat(DateValues.epochMillis("292278994-01-01")).isEqualTo(DateValues.INVALID);
  }

  @ParameterizedTest
  @CsvSource({
    "10, 10, 0",
    "10, 010, 0",
    "10, 10.0, 0",
    "1.5, 1.50, 0",
    "10, 9, -1",
    "10, 11, 1",
    "-5, -6, -1",
    "0.5, 0.75, 1",
    "1e3, 1000, 0",
    "999999999999999999, 999999999999999998, -1",
  })
  void compare_whenNumbers_comparesByValue(String policy, String request, int sign) {
    assertThat(Integer.signum(Numbers.compare(request, Numbers.parse(policy)))).isEqualTo(sign);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ten", "", "1.2.3", "0x10", "NaN", "Infinity", "1e", "--1", "1d"})
  void compare_whenRequestIsNotANumber_saysSo(String request) {
    assertThat(Numbers.compare(request, Numbers.parse("1"))).isEqualTo(Numbers.NOT_A_NUMBER);
  }

  @ParameterizedTest
  @CsvSource({
    "203.0.113.0/24, 203.0.113.255, true",
    "203.0.113.0/24, 203.0.114.0, false",
    "203.0.113.77/24, 203.0.113.1, true",
    "0.0.0.0/0, 8.8.8.8, true",
    "10.0.0.0/12, 10.15.255.255, true",
    "2001:DB8:1234:5678::/64, 2001:db8:1234:5678:ffff:ffff:ffff:ffff, true",
    "2001:DB8:1234:5678::/64, 2001:db8:1234:5679::, false",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "::/0, ::1, true",
    "::1, ::1, true",
    "::ffff:192.0.2.0/120, ::ffff:192.0.2.9, true",
    "2001:db8::/125, 2001:db8::7, true",
    "2001:db8::/125, 2001:db8::8, false",
    "203.0.113.0/24, 2001:db8::1, false",
    "2001:db8::/32, 203.0.113.1, false",
  })
  void contains_whenAddressGiven_checksTheNetwork(String range, String address, boolean inside) {
    assertThat(IpRange.parse(range).contains(address)).isEqualTo(Tri.of(inside));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "203.0.113.256",
        "203.0.113",
        "203.0.113.1.5",
        "1.2.3.4/33",
        "1.2.3.4/",
        "::1::2",
        "1:2:3:4:5:6:7:8:9",
        "1:2",
        "gggg::1",
        "2001:db8::/129",
        "",
        "a.b.c.d"
      })
  void parse_whenNotANetwork_isNull(String text) {
    assertThat(IpRange.parse(text)).isNull();
  }

  @Test
  void contains_whenRequestIsNotAnAddress_isNo() {
    IpRange range = IpRange.parse("203.0.113.0/24");
    assertThat(range.contains("not-an-ip")).isEqualTo(Tri.NO);
    assertThat(range.contains("")).isEqualTo(Tri.NO);
    assertThat(IpRange.parse("::/0").contains(":::")).isEqualTo(Tri.NO);
  }
}
