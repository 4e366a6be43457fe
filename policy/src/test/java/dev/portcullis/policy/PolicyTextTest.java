package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyTextTest {

  @Test
  void nonWhitespaceLength_whenDocumentIsIndented_countsOnlyVisibleCharacters() {
    String pretty = "{\n\t\"Version\" : \"2012-10-17\",\r\n  \"Statement\": []\n}\n";
    String compact = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    assertThat(PolicyText.nonWhitespaceLength(pretty)).isEqualTo(compact.length());
  }

  @Test
  void nonWhitespaceLength_whenStringsHoldSpaces_leavesThemOutToo() {
    assertThat(PolicyText.nonWhitespaceLength("{\"Sid\": \"a b\"}"))
        .isEqualTo("{\"Sid\":\"ab\"}".length());
  }

  @Test
  void nonWhitespaceLength_whenTextHasLatin1Characters_countsEachOnce() {
    assertThat(PolicyText.nonWhitespaceLength("\"café\"")).isEqualTo(6);
  }

  @Test
  void hasOnlyPermittedCharacters_whenTextIsLatin1WithTabsAndNewlines_isTrue() {
    assertThat(PolicyText.hasOnlyPermittedCharacters("{\t\"Id\": \"ñandú\"\r\n}")).isTrue();
  }

  @Test
  void hasOnlyPermittedCharacters_whenTextHasOtherCharacters_isFalse() {
    assertThat(PolicyText.hasOnlyPermittedCharacters("{\"Id\": \"\u20ac\"}")).isFalse();
    assertThat(PolicyText.hasOnlyPermittedCharacters("{\"Id\": \"\u0007\"}")).isFalse();
  }

  @Test
  void exceededMessage_whenQuotaIsExceeded_usesAwsWording() {
    assertThat(PolicySizeQuota.MANAGED_POLICY.isExceededBy(6145)).isTrue();
    assertThat(PolicySizeQuota.MANAGED_POLICY.isExceededBy(6144)).isFalse();
    assertThat(PolicySizeQuota.MANAGED_POLICY.exceededMessage("ignored"))
        .isEqualTo("Cannot exceed quota for PolicySize: 6144");
    assertThat(PolicySizeQuota.ROLE_TRUST_POLICY.exceededMessage("ignored"))
        .isEqualTo("Cannot exceed quota for ACLSizePerRole: 2048");
    assertThat(PolicySizeQuota.ROLE_INLINE_POLICIES.exceededMessage("QueryRole"))
        .isEqualTo("Maximum policy size of 10240 bytes exceeded for role QueryRole");
  }
}
