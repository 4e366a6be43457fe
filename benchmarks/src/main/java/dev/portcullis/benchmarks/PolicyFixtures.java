package dev.portcullis.benchmarks;

import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import dev.portcullis.policy.evaluation.CompiledPolicy;
import dev.portcullis.policy.evaluation.RequestContext;
import dev.portcullis.policy.evaluation.RequestPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic identity policies for benchmarks: statements spread over services, with wildcard
 * actions, ARN resources, policy variables, a few denies, and a condition on most statements
 * (regions, source networks, MFA, prefixes, dates, numbers, tag sets, principal ARNs, tags).
 */
final class PolicyFixtures {
  static final String ACCOUNT = "111122223333";
  static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/engineering/alice";

  private static final String[] SERVICES = {
    "s3", "iam", "ec2", "dynamodb", "sqs", "sns", "kms", "lambda", "logs", "cloudwatch",
    "rds", "ecs", "ecr", "secretsmanager", "ssm", "sts", "states", "events", "glue", "athena",
    "kinesis", "firehose", "elasticloadbalancing", "autoscaling", "route53"
  };
  private static final String[] VERBS = {
    "Get", "List", "Describe", "Put", "Create", "Update", "Delete", "Tag"
  };
  private static final String[] CONDITIONS = {
    "\"StringEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\", \"eu-central-1\"]}",
    "\"IpAddress\": {\"aws:SourceIp\": [\"203.0.113.0/24\", \"2001:db8::/32\"]}",
    "\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}",
    "\"StringLike\": {\"s3:prefix\": [\"home/${aws:username}/*\", \"shared/*\"]}",
    "\"DateLessThan\": {\"aws:CurrentTime\": \"2030-01-01T00:00:00Z\"}",
    "\"NumericLessThanEquals\": {\"s3:max-keys\": \"1000\"}",
    "\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"team\", \"env\", \"cost-center\"]}",
    "\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::" + ACCOUNT + ":user/engineering/*\"}",
    "\"StringEquals\": {\"aws:ResourceTag/team\": \"${aws:PrincipalTag/team}\"}",
    "\"StringNotEqualsIfExists\": {\"aws:ResourceTag/env\": \"prod\"}",
  };

  private PolicyFixtures() {}

  /** {@code policies} identity policies of {@code statementsEach} statements each. */
  static List<CompiledPolicy> identityPolicies(int policies, int statementsEach) {
    List<CompiledPolicy> compiled = new ArrayList<>();
    int n = 0;
    for (int p = 0; p < policies; p++) {
      StringBuilder statements = new StringBuilder();
      for (int s = 0; s < statementsEach; s++, n++) {
        if (s > 0) {
          statements.append(",\n");
        }
        statements.append(statement(n));
      }
      String json = "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
      ParseResult result = PolicyParser.parse(json, PolicyKind.MANAGED);
      if (result instanceof ParseResult.Malformed) {
        throw new IllegalStateException(((ParseResult.Malformed) result).detail() + " in " + json);
      }
      compiled.add(CompiledPolicy.compile(result.parsed().orElseThrow(), "policy-" + p));
    }
    return compiled;
  }

  private static String statement(int n) {
    String service = SERVICES[n % SERVICES.length];
    boolean deny = n % 13 == 7;
    String action =
        n % 9 == 0
            ? service + ":*"
            : service + ":" + VERBS[n % VERBS.length] + (n % 2 == 0 ? "*" : "Resource" + n);
    String resource =
        service.equals("s3")
            ? "arn:aws:s3:::bucket-" + (n % 4) + "/home/${aws:username}/*"
            : n % 5 == 0
                ? "*"
                : "arn:aws:"
                    + service
                    + ":"
                    + regionOf(service)
                    + ":"
                    + ACCOUNT
                    + ":resource-"
                    + (n % 7)
                    + "/*";
    String condition =
        n % 10 == 9 ? "" : ", \"Condition\": {" + CONDITIONS[n % CONDITIONS.length] + "}";
    return "{\"Sid\": \"S"
        + n
        + "\", \"Effect\": \""
        + (deny ? "Deny" : "Allow")
        + "\", \"Action\": \""
        + action
        + "\", \"Resource\": \""
        + resource
        + "\""
        + condition
        + "}";
  }

  /** Global services have no region in their ARNs. */
  private static String regionOf(String service) {
    return service.equals("iam") || service.equals("sts") || service.equals("route53") ? "" : "*";
  }

  /**
   * Requests aimed at statements 0 to 49 (present in both sizes), so that their actions, resources
   * and conditions are all evaluated: most are allowed, statement 7 and 33 deny, and the last two
   * fall to an implicit deny (a service no statement names, and a resource no statement covers).
   */
  static List<RequestContext> requests() {
    List<RequestContext> requests = new ArrayList<>();
    int[] targets = {0, 1, 2, 3, 4, 6, 7, 8, 11, 12, 14, 22, 25, 30, 33, 41};
    for (int n : targets) {
      requests.add(request(actionFor(n), resourceFor(n)));
    }
    requests.add(request("organizations:ListAccounts", "*"));
    requests.add(request("sqs:SendMessage", "arn:aws:sqs:eu-west-1:" + ACCOUNT + ":elsewhere"));
    return requests;
  }

  private static String actionFor(int n) {
    String service = SERVICES[n % SERVICES.length];
    if (n % 9 == 0) {
      return service + ":GetThing";
    }
    return service + ":" + VERBS[n % VERBS.length] + (n % 2 == 0 ? "Thing" : "Resource" + n);
  }

  private static String resourceFor(int n) {
    String service = SERVICES[n % SERVICES.length];
    if (service.equals("s3")) {
      return "arn:aws:s3:::bucket-" + (n % 4) + "/home/alice/notes.txt";
    }
    String region = regionOf(service).isEmpty() ? "" : "eu-west-1";
    return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":resource-" + (n % 7) + "/item";
  }

  private static RequestContext request(String action, String resource) {
    return RequestContext.builder(RequestPrincipal.user(ALICE))
        .action(action)
        .resource(resource)
        .contextKey("aws:RequestedRegion", "eu-west-1")
        .contextKey("aws:SourceIp", "203.0.113.42")
        .contextKey("aws:MultiFactorAuthPresent", "true")
        .contextKey("aws:CurrentTime", "2025-06-30T12:00:00Z")
        .contextKey("aws:TagKeys", "team", "env")
        .contextKey("aws:PrincipalTag/team", "platform")
        .contextKey("aws:ResourceTag/team", "platform")
        .contextKey("s3:prefix", "home/alice/docs")
        .contextKey("s3:max-keys", "100")
        .build();
  }
}
