package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client-supplied text cannot forge fields or lines of the access log. */
class AccessLogTest {
  @Test
  void field_whenTextHasSpacesEqualsOrLineBreaks_staysOneField() {
    String forged = AccessLog.field("GetUser 200 key=AKIAFORGED\n2026 access x");

    assertThat(forged).doesNotContain(" ", "=", "\n")
        .isEqualTo("GetUser%20200%20key%3DAKIAFORGED%0A2026%20access%20x");
  }

  @Test
  void field_whenTextIsAnOrdinaryName_isUnchanged() {
    assertThat(AccessLog.field("GetUser")).isEqualTo("GetUser");
    assertThat(AccessLog.field("AKIAIOSFODNN7EXAMPLE")).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(AccessLog.field(null)).isEqualTo("-");
  }

  @Test
  void field_whenTextIsLongOrNotAscii_isCutAndEncoded() {
    assertThat(AccessLog.field("x".repeat(100))).isEqualTo("x".repeat(64) + "...");
    assertThat(AccessLog.field("é\"")).isEqualTo("%C3%A9%22");
  }
}
