package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySimulateCommandTest {
  private static final String POLICY = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
           "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
          {
            "Sid": "NoDelete",
            "Effect": "Deny",
            "Action": "s3:DeleteObject",
            "Resource": "*"
          },
          {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::pub/*"}
        ]
      }
      """;
  private static final String GET_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":{"
      + "\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}}";

  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      List<String> all = new ArrayList<>(List.of("policy", "simulate"));
      all.addAll(List.of(args));
      int status = Main.run(all);
      return new Run(status, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private String file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void simulate_whenEverythingIsAllowed_printsStatementsAndExitsZero() throws Exception {
    String p = file("p.json", POLICY);

    Run r = run("--policy", p, "--action", "s3:GetObject", "--context", "aws:SourceIp=10.1.1.1");

    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("s3:GetObject on *: allowed (identity-based policy)\n")
        .contains("Allow " + p + " Read, lines 4-5 (identity-based policy)");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void simulate_whenSomethingIsDenied_explainsAndExitsOne() throws Exception {
    String p = file("p.json", POLICY);
    String b = file("b.json", GET_ONLY);

    Run r = run("--policy", p, "--boundary", b, "--action", "s3:GetObject", "--action",
        "s3:DeleteObject", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::pub/x");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .contains("s3:GetObject on arn:aws:s3:::pub/x: allowed (identity-based policy)")
        .contains("  missing context values: aws:SourceIp")
        .contains("s3:DeleteObject on arn:aws:s3:::pub/x: explicitDeny (identity-based policy)")
        .contains("  Deny " + p + " NoDelete, lines 6-11 (identity-based policy)")
        .contains("s3:PutObject on arn:aws:s3:::pub/x: implicitDeny (permissions boundary)")
        .contains("  Allow " + p + " [2], line 12 (identity-based policy)");
  }

  @Test
  void simulate_withJson_printsTheResultsAsJson() throws Exception {
    String p = file("p.json", POLICY);

    Run r = run("--policy", p, "--action", "s3:GetObject", "--json");

    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(r.status()).isEqualTo(1);
    assertThat(json.get("allowed").asBoolean()).isFalse();
    JsonNode result = json.get("results").get(0);
    assertThat(result.get("decision").asText()).isEqualTo("implicitDeny");
    assertThat(result.get("missingContextValues").get(0).asText()).isEqualTo("aws:SourceIp");
  }

  @Test
  void simulate_withResourcePolicyInAnotherAccount_needsTheIdentitySideToo() throws Exception {
    String caller = "arn:aws:iam::123456789012:user/ana";
    String bucket = file("bucket.json", "{\"Version\":\"2012-10-17\",\"Statement\":{"
        + "\"Sid\":\"Ana\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + caller + "\"},"
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}}");
    String get = file("get.json", GET_ONLY);

    Run same = run("--resource-policy", bucket, "--caller", caller, "--action",
        "s3:GetObject", "--resource", "arn:aws:s3:::shared/a");
    Run other = run("--resource-policy", bucket, "--caller", caller, "--resource-owner",
        "210987654321", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::shared/a");
    Run both = run("--policy", get, "--resource-policy", bucket, "--caller", caller,
        "--resource-owner", "arn:aws:iam::210987654321:root", "--action", "s3:GetObject",
        "--resource", "arn:aws:s3:::shared/a");

    assertThat(same.status()).isZero();
    assertThat(same.out()).contains("Allow " + bucket + " Ana, line 1 (resource-based policy)");
    assertThat(other.status()).isEqualTo(1);
    assertThat(both.status()).isZero();
  }

  @Test
  void simulate_withSessionPolicy_limitsTheRoleSession() throws Exception {
    String all = file("all.json", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
        + "\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
    String session = file("session.json", GET_ONLY);

    Run r = run("--policy", all, "--session-policy", session, "--caller",
        "arn:aws:iam::123456789012:role/app", "--action", "s3:GetObject", "--action",
        "s3:PutObject", "--context", "aws:TagKeys=a,b");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("s3:GetObject on *: allowed")
        .contains("s3:PutObject on *: implicitDeny (session policy)");
  }

  @Test
  void simulate_whenUsageIsWrong_explainsWithoutStackTraceAndExitsTwo() throws Exception {
    String bad = file("bad.json", "{\"Version\":\"2012-10-17\",\"Statement\":{}}");
    String p = file("p.json", POLICY);

    Run noAction = run("--policy", p);
    Run missing = run("--policy", dir.resolve("nope.json").toString(), "--action", "s3:Get");
    Run malformed = run("--policy", bad, "--action", "s3:GetObject");
    Run wildcard = run("--policy", p, "--action", "s3:*");
    Run context = run("--policy", p, "--action", "s3:GetObject", "--context", "novalue");
    Run unknown = run("--polcy", p);

    assertThat(List.of(noAction, missing, malformed, wildcard, context, unknown))
        .allSatisfy(r -> {
          assertThat(r.status()).isEqualTo(2);
          assertThat(r.err()).startsWith("portcullis: ").doesNotContain("Exception")
              .doesNotContain("\tat ");
        });
    assertThat(noAction.err()).contains("needs at least one --action");
    assertThat(missing.err()).contains("nope.json: no such file");
    assertThat(malformed.err()).contains("bad.json: MalformedPolicyDocument: ");
    assertThat(unknown.err()).contains("unknown option: --polcy");
  }

  @Test
  void simulate_withHelp_printsItsOptions() {
    Run r = run("--help");

    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("--resource-policy FILE").contains("--json");
  }
}
