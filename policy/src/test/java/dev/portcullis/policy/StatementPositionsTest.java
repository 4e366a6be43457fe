package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.StatementPositions.Position;
import dev.portcullis.policy.StatementPositions.Span;
import org.junit.jupiter.api.Test;

class StatementPositionsTest {
  @Test
  void of_whenStatementIsOneObjectOnOneLine_givesColumnsAfterItsBraces() {
    // AWS's own example answers StartPosition 1:38 and EndPosition 1:167 for this document.
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
        + "\"dynamodb:*\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":"
        + "{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";

    assertThat(StatementPositions.of(json)).containsExactly(
        new Span(new Position(1, 38), new Position(1, 167)));
  }

  @Test
  void of_whenStatementsAreAnArrayOverSeveralLines_givesEachStatementsLines() {
    String json = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "A",
                    "Effect": "Allow",
                    "Action": "s3:*",
                    "Resource": "*"
                },
                {"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}
            ]
        }
        """;

    assertThat(StatementPositions.of(json)).containsExactly(
        new Span(new Position(4, 10), new Position(9, 10)),
        new Span(new Position(10, 10), new Position(10, 68)));
  }

  @Test
  void of_whenStatementFollowsNestedFields_skipsThem() {
    String json = "{\"Id\":{\"a\":[1,{\"Statement\":2}]},\"Statement\":[{}, 3, {\"x\":{}}]}";

    assertThat(StatementPositions.of(json)).extracting(s -> s.start().column())
        .containsExactly(47, 54);
  }

  @Test
  void of_whenTextIsNotAPolicy_isEmpty() {
    assertThat(StatementPositions.of("[1,2]")).isEmpty();
    assertThat(StatementPositions.of("{\"Statement\":")).isEmpty();
    assertThat(StatementPositions.of("{\"Version\":\"2012-10-17\"}")).isEmpty();
    assertThat(StatementPositions.of("")).isEmpty();
  }
}
