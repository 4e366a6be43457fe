package dev.portcullis.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextKeyTypeTest {
  @Test
  void fromWire_whenApiSpelling_findsType() {
    assertThat(ContextKeyType.fromWire("ipList")).contains(ContextKeyType.IP_LIST);
    assertThat(ContextKeyType.fromWire("IPLIST")).isEmpty();
    assertThat(ContextKeyType.IP_LIST.multivalued()).isTrue();
    assertThat(ContextKeyType.DATE.multivalued()).isFalse();
  }

  @Test
  void accepts_whenValueFitsItsFamily_isTrue() {
    assertThat(ContextKeyType.IP.accepts("10.0.0.1")).isTrue();
    assertThat(ContextKeyType.IP.accepts("2001:db8::/32")).isTrue();
    assertThat(ContextKeyType.NUMERIC.accepts("3600")).isTrue();
    assertThat(ContextKeyType.BOOLEAN.accepts("True")).isTrue();
    assertThat(ContextKeyType.DATE.accepts("2019-04-25T11:00:00Z")).isTrue();
    assertThat(ContextKeyType.DATE.accepts("1556190000")).isTrue();
    assertThat(ContextKeyType.BINARY.accepts("aGVsbG8=")).isTrue();
    assertThat(ContextKeyType.STRING.accepts("anything")).isTrue();
  }

  @Test
  void accepts_whenValueDoesNotFit_isFalse() {
    assertThat(ContextKeyType.IP.accepts("10.0.0.300")).isFalse();
    assertThat(ContextKeyType.NUMERIC.accepts("ten")).isFalse();
    assertThat(ContextKeyType.BOOLEAN.accepts("yes")).isFalse();
    assertThat(ContextKeyType.DATE.accepts("yesterday")).isFalse();
    assertThat(ContextKeyType.BINARY.accepts("not base64!")).isFalse();
  }
}
