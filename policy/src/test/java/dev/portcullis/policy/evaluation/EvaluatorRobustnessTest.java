package dev.portcullis.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.Effect;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Evaluation never throws on request data: a seeded random harness over every operator. */
class EvaluatorRobustnessTest {
  private static final String[] OPERATORS = {
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike"
  };
  private static final String[] VALUES = {
    "",
    "*",
    "?",
    "${",
    "${}",
    "${aws:username}",
    "${custom:k1, 'x'}",
    "10",
    "-1.5e3",
    "1e999",
    "NaN",
    "2020-01-01T00:00:00Z",
    "2020-13-45",
    "1577836800",
    "99999999999999999999",
    "true",
    "FALSE",
    "203.0.113.0/24",
    "2001:db8::/32",
    "::",
    "1.2.3.4",
    ":::",
    "1.2.3.4/99",
    "QUJD",
    "!!!",
    "arn:aws:s3:::b/k",
    "arn:aws:iam::111122223333:role/*",
    "arn:",
    ":::::",
    "\t",
    "é${?}",
  };

  @Test
  void evaluate_whenRequestDataIsArbitrary_neverThrowsAndStaysConsistent() {
    Random random = new Random(20240601L);
    List<CompiledPolicy> policies = new ArrayList<>();
    while (policies.size() < 40) {
      ParseResult parsed = PolicyParser.parse(randomPolicy(random), PolicyKind.IDENTITY);
      parsed
          .parsed()
          .ifPresent(d -> policies.add(CompiledPolicy.compile(d, "random-" + policies.size())));
    }
    for (int i = 0; i < 20_000; i++) {
      RequestContext.Builder request =
          RequestContext.builder(randomPrincipal(random))
              .action(
                  pick(random, new String[] {"s3:GetObject", "iam:GetUser", "x", "", ":", "S3:*"}))
              .resource(pick(random, VALUES));
      for (int k = 0; k < 4; k++) {
        int count = random.nextInt(3);
        List<String> values = new ArrayList<>();
        for (int v = 0; v < count; v++) {
          values.add(pick(random, VALUES));
        }
        request.contextKey("custom:K" + random.nextInt(6), values);
      }
      EvaluationInput.Builder input =
          EvaluationInput.builder(request.build())
              .identityPolicy(pick(random, policies))
              .identityPolicy(pick(random, policies));
      if (random.nextBoolean()) {
        input.permissionsBoundary(pick(random, policies));
      }
      if (random.nextBoolean()) {
        input.sessionPolicy(pick(random, policies));
      }

      EvaluationResult result = Evaluator.evaluate(input.build());

      Effect traced = result.decision() == Decision.EXPLICIT_DENY ? Effect.DENY : Effect.ALLOW;
      assertThat(result.statements()).allMatch(s -> s.effect() == traced);
    }
  }

  private static String randomPolicy(Random random) {
    StringBuilder statements = new StringBuilder();
    for (int s = 0; s < 3; s++) {
      String qualifier = pick(random, new String[] {"", "ForAnyValue:", "ForAllValues:"});
      String suffix = random.nextBoolean() ? "IfExists" : "";
      String operator = qualifier + pick(random, OPERATORS) + suffix;
      String value = pick(random, VALUES).replace("\\", "\\\\").replace("\"", "\\\"");
      if (s > 0) {
        statements.append(',');
      }
      statements
          .append("{\"Effect\": \"")
          .append(random.nextBoolean() ? "Allow" : "Deny")
          .append("\", \"Action\": \"")
          .append(pick(random, new String[] {"*", "s3:*", "iam:Get?ser", "s3:Get*"}))
          .append("\", \"Resource\": \"")
          .append(pick(random, new String[] {"*", "arn:aws:s3:::b/${custom:k1}", "arn:aws:s3:::*"}))
          .append("\", \"Condition\": {\"")
          .append(operator)
          .append("\": {\"custom:k")
          .append(random.nextInt(6))
          .append("\": \"")
          .append(value)
          .append("\"}, \"Null\": {\"custom:k")
          .append(random.nextInt(6))
          .append("\": \"")
          .append(random.nextBoolean())
          .append("\"}}}");
    }
    return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
  }

  private static RequestPrincipal randomPrincipal(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return RequestPrincipal.user(EvaluatorTest.ALICE);
      case 1:
        return RequestPrincipal.assumedRole("garbage", "also garbage");
      case 2:
        return RequestPrincipal.root("111122223333");
      case 3:
        return RequestPrincipal.federatedUser("arn:aws:sts::1:federated-user/x", "");
      default:
        return RequestPrincipal.anonymous();
    }
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
