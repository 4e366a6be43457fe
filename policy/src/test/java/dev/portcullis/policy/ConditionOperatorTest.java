package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionOperatorTest {

  @ParameterizedTest
  @EnumSource(BaseOperator.class)
  void parse_whenOperatorIsBare_returnsItWithoutQualifierOrIfExists(BaseOperator base) {
    assertThat(ConditionOperator.parse(base.text()))
        .contains(new ConditionOperator(SetQualifier.NONE, base, false));
  }

  @Test
  void parse_whenQualifiedAndIfExists_returnsAllThreeParts() {
    ConditionOperator operator =
        ConditionOperator.parse("ForAnyValue:StringNotEqualsIgnoreCaseIfExists").orElseThrow();

    assertThat(operator.qualifier()).isEqualTo(SetQualifier.FOR_ANY_VALUE);
    assertThat(operator.base()).isEqualTo(BaseOperator.STRING_NOT_EQUALS_IGNORE_CASE);
    assertThat(operator.base().family()).isEqualTo(ConditionFamily.STRING);
    assertThat(operator.base().negated()).isTrue();
    assertThat(operator.ifExists()).isTrue();
    assertThat(operator.text()).isEqualTo("ForAnyValue:StringNotEqualsIgnoreCaseIfExists");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "StringEqual",
        "stringequals",
        "NullIfExists",
        "ForAnyValues:StringEquals",
        "StringEqualsIfExistsIfExists",
        "ForAllValues:ForAnyValue:StringEquals",
        "IfExists",
        "",
        "BinaryNotEquals"
      })
  void parse_whenOperatorIsUnknown_returnsEmpty(String text) {
    assertThat(ConditionOperator.parse(text)).isEmpty();
  }

  @Test
  void new_whenNullTakesIfExists_rejectsIt() {
    assertThatThrownBy(() -> new ConditionOperator(SetQualifier.NONE, BaseOperator.NULL, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
