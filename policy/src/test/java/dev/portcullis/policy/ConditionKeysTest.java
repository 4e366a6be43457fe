package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionKeysTest {
  private static PolicyDocument parse(String json) {
    return PolicyParser.parse(json, PolicyKind.IDENTITY).parsed().orElseThrow();
  }

  @Test
  void of_whenResourceHasVariableAndConditionHasKey_listsBothInDocumentOrder() {
    // AWS's example of GetContextKeysForCustomPolicy answers aws:username, aws:CurrentTime.
    PolicyDocument doc = parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Action\":\"dynamodb:*\",\"Resource\":"
        + "\"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}\",\"Condition\":"
        + "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2015-08-16T12:00:00Z\"}}}}");

    assertThat(ConditionKeys.of(doc)).containsExactly("aws:username", "aws:CurrentTime");
  }

  @Test
  void of_whenKeysRepeatInAnotherCase_listsEachOnceInItsFirstSpelling() {
    PolicyDocument a = parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":"
        + "{\"aws:SourceIp\":\"10.0.0.0/8\"},\"ForAnyValue:StringLike\":{\"aws:TagKeys\":"
        + "\"team-${aws:PrincipalTag/team, 'none'}\"}}}]}");
    PolicyDocument b = parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\","
        + "\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"NotIpAddress\":"
        + "{\"AWS:SOURCEIP\":\"10.0.0.0/8\"},\"Bool\":{\"aws:MultiFactorAuthPresent\":false}}}}");

    assertThat(ConditionKeys.of(List.of(a, b))).containsExactly("aws:SourceIp", "aws:TagKeys",
        "aws:PrincipalTag/team", "aws:MultiFactorAuthPresent");
  }

  @Test
  void of_whenDocumentPredatesVariables_ignoresDollarBraces() {
    PolicyDocument doc = parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
        + "\"Resource\":\"arn:aws:s3:::b/${aws:username}/*\"}}");

    assertThat(ConditionKeys.of(doc)).isEmpty();
  }

  @Test
  void variableKeys_whenEscapesAndDefaults_givesOnlyKeys() {
    assertThat(ConditionKeys.variableKeys("a${*}b${?}${$}${aws:userid}${ s3:prefix , 'x'}"))
        .containsExactly("aws:userid", "s3:prefix");
  }
}
