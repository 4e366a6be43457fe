package dev.portcullis.iam.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.Caller;
import dev.portcullis.policy.evaluation.RequestContext;
import dev.portcullis.policy.evaluation.RequestPrincipal;
import dev.portcullis.protocol.Struct;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The global condition keys each kind of caller brings to a request. */
class RequestContextsTest {
  private static final String ACCOUNT = "123456789012";
  private static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/alice";
  private static final Instant SIGNED_IN = Instant.parse("2026-12-04T10:00:00Z");
  private static final Caller.Request REQUEST = new Caller.Request("192.0.2.1", true,
      SIGNED_IN.plusSeconds(90), "us-east-1");

  private static RequestContext context(Caller caller) {
    return RequestContexts.build(caller, RequestPrincipal.user(ALICE),
        new ActionCatalog.Action("iam", "ListUsers", List.of(), List.of()),
        RequestTarget.anyResource(), Struct.empty(), List.of(), null);
  }

  @Test
  void build_forAConsoleSessionWithoutMfa_setsMultiFactorAuthPresentFalse() {
    // A policy denying "Bool aws:MultiFactorAuthPresent false" must deny such a session: with
    // the key absent (as for long-term keys) the deny would not match.
    RequestContext context = context(new Caller.ConsoleSession(ACCOUNT, "AIDAEXAMPLEEXAMPLE01",
        "alice", ALICE, SIGNED_IN, false, REQUEST));

    assertThat(context.values("aws:MultiFactorAuthPresent")).containsExactly("false");
    assertThat(context.values("aws:MultiFactorAuthAge")).isEmpty();
    assertThat(context.values("aws:TokenIssueTime")).containsExactly("2026-12-04T10:00:00Z");
  }

  @Test
  void build_forAConsoleSessionSignedInWithMfa_setsItsPresenceAndAge() {
    RequestContext context = context(new Caller.ConsoleSession(ACCOUNT, "AIDAEXAMPLEEXAMPLE01",
        "alice", ALICE, SIGNED_IN, true, REQUEST));

    assertThat(context.values("aws:MultiFactorAuthPresent")).containsExactly("true");
    assertThat(context.values("aws:MultiFactorAuthAge")).containsExactly("90");
  }

  @Test
  void build_forALongTermKey_leavesTheMfaKeysAbsent() {
    RequestContext context = context(new Caller.IamUser(ACCOUNT, "AIDAEXAMPLEEXAMPLE01",
        "alice", ALICE, "AKIAEXAMPLEEXAMPLE01", java.util.Optional.empty(), REQUEST));

    assertThat(context.values("aws:MultiFactorAuthPresent")).isEmpty();
    assertThat(context.values("aws:TokenIssueTime")).isEmpty();
  }
}
