package dev.portcullis.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.domain.StsSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each kind of caller names itself as CloudTrail's userIdentity element does. */
class CallerTest {
  private static final String ACCOUNT = "123456789012";
  private static final Instant ISSUED = Instant.parse("2026-12-04T10:00:00Z");
  private static final Caller.Request REQUEST = new Caller.Request("192.0.2.1", true,
      ISSUED.plusSeconds(60), "us-east-1");

  @Test
  void root_isTypeRootWithTheAccountAsPrincipal() {
    Caller root = new Caller.Root(ACCOUNT, "ASIAROOTEXAMPLE00001",
        Optional.of(session(StsSession.Type.SESSION_TOKEN, ACCOUNT,
            "arn:aws:iam::" + ACCOUNT + ":root", null)), REQUEST);

    UserIdentity who = root.userIdentity();

    assertThat(who.type()).isEqualTo("Root");
    assertThat(who.principalId()).isEqualTo(ACCOUNT);
    assertThat(who.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    assertThat(who.accountId()).isEqualTo(ACCOUNT);
    assertThat(who.sessionContext().sessionIssuer()).isNull();
    assertThat(who.sessionContext().creationDate()).isEqualTo(ISSUED);
    assertThat(who.sessionContext().mfaAuthenticated()).isTrue();
  }

  @Test
  void iamUser_withALongTermKey_isTypeIamUserWithoutASessionContext() {
    Caller user = new Caller.IamUser(ACCOUNT, "AIDAEXAMPLEEXAMPLE01", "Alice",
        "arn:aws:iam::" + ACCOUNT + ":user/Alice", "AKIAEXAMPLEEXAMPLE01", Optional.empty(),
        REQUEST);

    assertThat(user.userIdentity()).isEqualTo(new UserIdentity("IAMUser",
        "AIDAEXAMPLEEXAMPLE01", "arn:aws:iam::" + ACCOUNT + ":user/Alice", ACCOUNT,
        "AKIAEXAMPLEEXAMPLE01", "Alice", null, null, null));
    assertThat(user.iamUserName()).contains("Alice");
    assertThat(user.temporary()).isFalse();
  }

  @Test
  void roleSession_isAssumedRoleIssuedByTheRole() {
    StsSession s = session(StsSession.Type.ASSUMED_ROLE, "AROAEXAMPLEEXAMPLE01",
        "arn:aws:iam::" + ACCOUNT + ":role/path/Deployer", "build-7");

    UserIdentity who = new Caller.RoleSession(s, REQUEST).userIdentity();

    assertThat(who.type()).isEqualTo("AssumedRole");
    assertThat(who.principalId()).isEqualTo("AROAEXAMPLEEXAMPLE01:build-7");
    assertThat(who.arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Deployer/build-7");
    assertThat(who.sessionContext().sessionIssuer()).isEqualTo(new UserIdentity.SessionIssuer(
        "Role", "AROAEXAMPLEEXAMPLE01", "arn:aws:iam::" + ACCOUNT + ":role/path/Deployer",
        ACCOUNT, "Deployer"));
    assertThat(who.sessionContext().sourceIdentity()).isEqualTo("alice@example.com");
  }

  @Test
  void federatedUser_isIssuedByTheIamUser() {
    StsSession s = session(StsSession.Type.FEDERATED_USER, "AIDAEXAMPLEEXAMPLE01",
        "arn:aws:iam::" + ACCOUNT + ":user/Alice", "Bob");

    Caller federated = new Caller.FederatedUserSession(s, "Alice",
        "arn:aws:iam::" + ACCOUNT + ":user/Alice", REQUEST);
    UserIdentity who = federated.userIdentity();

    assertThat(who.type()).isEqualTo("FederatedUser");
    assertThat(who.principalId()).isEqualTo(ACCOUNT + ":Bob");
    assertThat(who.arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":federated-user/Bob");
    assertThat(who.sessionContext().sessionIssuer().type()).isEqualTo("IAMUser");
    assertThat(who.sessionContext().sessionIssuer().userName()).isEqualTo("Alice");
    assertThat(federated.iamUserName()).isEmpty();
  }

  @Test
  void awsService_isTypeAwsServiceInvokedByTheServicePrincipal() {
    Caller ecs = new Caller.AwsService("ecs-tasks.amazonaws.com", ACCOUNT, REQUEST);

    assertThat(ecs.userIdentity()).isEqualTo(new UserIdentity("AWSService", null, null, null,
        null, null, "ecs-tasks.amazonaws.com", null, null));
  }

  private static StsSession session(StsSession.Type type, String entityId, String entityArn,
      String name) {
    return new StsSession("ASIAEXAMPLEEXAMPLE01", ACCOUNT, type, "sealed", new byte[32],
        entityId, entityArn, name, ISSUED, ISSUED.plusSeconds(3600), ISSUED, null, List.of(),
        List.of(), List.of(), "alice@example.com", false);
  }

  @Test
  void consoleSession_isTemporary_soItCannotCallGetSessionTokenOrGetFederationToken() {
    Caller console = new Caller.ConsoleSession(ACCOUNT, "AIDAEXAMPLEEXAMPLE01", "Alice",
        "arn:aws:iam::" + ACCOUNT + ":user/Alice", ISSUED, false, REQUEST);

    assertThat(console.temporary()).isTrue();
  }
}
