package dev.portcullis.iam.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {
  private static final PasswordPolicy ALL_TYPES =
      new PasswordPolicy(6, true, true, true, true, false, 0, 0, false);

  @Test
  void customViolations_whenEveryRuleHolds_isEmpty() {
    assertThat(PasswordRules.customViolations(ALL_TYPES, "Ab1!xy")).isEmpty();
  }

  @Test
  void customViolations_countOnlyAwsListedSymbols() {
    assertThat(PasswordRules.customViolations(ALL_TYPES, "Ab1.,/?x"))
        .containsExactly("Password should have at least one symbol");
    for (char c : PasswordRules.SYMBOLS.toCharArray()) {
      assertThat(PasswordRules.customViolations(ALL_TYPES, "Ab1xyz" + c)).isEmpty();
    }
  }

  @Test
  void customViolations_countOnlyBasicLatinLetters() {
    assertThat(PasswordRules.customViolations(ALL_TYPES, "\u00c9\u00e91!abc"))
        .containsExactly("Password should have at least one uppercase letter");
  }

  @Test
  void defaultViolations_acceptThreeOfFourTypes() {
    assertThat(PasswordRules.defaultViolations("abcdEF12")).isEmpty();
    assertThat(PasswordRules.defaultViolations("abcd!!12")).isEmpty();
  }

  @Test
  void defaultViolations_whenOnlyOneType_askForTwoMore() {
    assertThat(PasswordRules.defaultViolations("abcdefgh")).containsExactly(
        "Password should meet 2 more of the following requirements: "
            + "Password should have at least one uppercase letter, "
            + "Password should have at least one number, "
            + "Password should have at least one symbol");
  }

  @Test
  void check_whenViolated_isPasswordPolicyViolationWithoutThePassword() {
    assertThatThrownBy(() -> PasswordRules.check((PasswordPolicy) null, "Zq9"))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PASSWORD_POLICY_VIOLATION);
          assertThat(e.getMessage()).doesNotContain("Zq9").startsWith("Password should");
        });
    assertThatCode(() -> PasswordRules.check(ALL_TYPES, "Ab1!xy")).doesNotThrowAnyException();
  }
}
