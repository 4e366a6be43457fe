package dev.portcullis.iam.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordBlocklistTest {
  @Test
  void bundled_holdsZxcvbnsThirtyThousandPasswords_inHalfAMebibyte() {
    PasswordBlocklist list = PasswordBlocklist.bundled();

    assertThat(list.size()).isEqualTo(30_000);
    assertThat(list.tableBytes()).isLessThanOrEqualTo(512 * 1024 + 16);
  }

  @Test
  void contains_whenCommonInAnyCase_isTrue_andFalseForAnUncommonOne() {
    PasswordBlocklist list = PasswordBlocklist.bundled();

    assertThat(list.contains("123456")).isTrue();
    assertThat(list.contains("p@ssw0rd")).isTrue();
    assertThat(list.contains("TrustNo1")).isTrue();
    assertThat(list.contains("Qv7#Rk2mzt-portcullis")).isFalse();
    assertThat(list.contains("")).isFalse();
  }

  @Test
  void of_keepsEachDistinctPasswordOnce() {
    PasswordBlocklist list = PasswordBlocklist.of(List.of("abc", "ABC", "xyz"));

    assertThat(list.size()).isEqualTo(2);
    assertThat(list.contains("Xyz")).isTrue();
    assertThat(list.contains("abd")).isFalse();
  }
}
