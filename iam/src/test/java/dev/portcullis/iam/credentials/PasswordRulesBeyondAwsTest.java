package dev.portcullis.iam.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.domain.PasswordClassMinimums;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Portcullis's password rules beyond AWS's: class counts, the blocklist, context words. */
class PasswordRulesBeyondAwsTest {
  /** The IAM guides' "at least 8 characters, 2 digits, 2 upper case, 2 lower case, 1 special". */
  private static final PasswordPolicy EIGHT =
      new PasswordPolicy(8, false, false, false, false, true, 0, 0, false);
  private static final PasswordClassMinimums GUIDE = new PasswordClassMinimums(2, 2, 2, 1);
  private static final PasswordRules.Requirements GUIDE_RULES =
      new PasswordRules.Requirements(EIGHT, GUIDE, List.of());

  private static PasswordRules.Requirements context(String user, String alias) {
    return new PasswordRules.Requirements(null, PasswordClassMinimums.NONE, List.of(
        new PasswordRules.ContextWord("user name", user),
        new PasswordRules.ContextWord("account alias", alias)));
  }

  @Test
  void violations_whenTheGuidesRulesAreMet_isEmpty() {
    assertThat(PasswordRules.violations(GUIDE_RULES, "Qv7#Rk2mzt")).isEmpty();
  }

  @Test
  void violations_whenEveryClassCountFalls_listsEachReason() {
    assertThat(PasswordRules.violations(GUIDE_RULES, "Z")).containsExactly(
        "Password should have a minimum length of 8",
        "Password should have at least 2 numbers",
        "Password should have at least 2 uppercase letters",
        "Password should have at least 2 lowercase letters",
        "Password should have at least one symbol");
  }

  @Test
  void violations_whenOneOfTwoDigits_namesOnlyTheDigitRule() {
    assertThat(PasswordRules.violations(GUIDE_RULES, "Qv7#RkXmzt"))
        .containsExactly("Password should have at least 2 numbers");
  }

  @Test
  void violations_whenOnTheBlocklistInAnyCase_saysItIsTooCommon() {
    // "password1" is on zxcvbn's list; the default policy alone would let "Password1" pass.
    PasswordRules.Requirements none = new PasswordRules.Requirements(null,
        PasswordClassMinimums.NONE, List.of());
    assertThat(PasswordRules.violations(none, "Password1"))
        .containsExactly(PasswordRules.BLOCKLISTED);
    assertThat(PasswordRules.violations(none, "PASSWORD1!x")).isEmpty();
  }

  @Test
  void violations_whenHoldingTheUserNameOrAliasInAnyCase_namesEach() {
    assertThat(PasswordRules.violations(context("alice", "acme-prod"), "xxALICE#9acme-PRODz"))
        .containsExactly("Password should not contain the user name",
            "Password should not contain the account alias");
  }

  @Test
  void violations_whenTheNameIsShorterThanThree_ignoresIt() {
    assertThat(PasswordRules.violations(context("al", "ab"), "Qv7#alabRkzt")).isEmpty();
  }

  @Test
  void check_whenSeveralRulesBreak_isPasswordPolicyViolationListingEveryReason() {
    assertThatThrownBy(() -> PasswordRules.check(context("bob", "acme"), "Bobx9183"))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PASSWORD_POLICY_VIOLATION);
          assertThat(e.getMessage()).isEqualTo("Password should not contain the user name");
        });
    assertThatThrownBy(() -> PasswordRules.check(GUIDE_RULES, "Bobx9183"))
        .hasMessage("Password should have at least 2 uppercase letters, Password should have "
            + "at least one symbol");
  }
}
