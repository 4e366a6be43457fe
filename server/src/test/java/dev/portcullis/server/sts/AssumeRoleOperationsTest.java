package dev.portcullis.server.sts;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.Tag;

class AssumeRoleOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":"
      + "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

  private final StsClient sts = SERVER.adminSts();

  private StsClient as(AssumeRoleResponse r) {
    return SERVER.sts(StsFixtures.asSdk(r.credentials()));
  }

  @Test
  void assumeRole_returnsARoleSessionForAnHourThatActsAsTheAssumedRole() {
    String arn = StsFixtures.role(SERVER, "/ops/", "deployer");
    Role role = SERVER.adminIam().getRole(b -> b.roleName("deployer")).role();
    String account = SERVER.accountId();

    AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(arn).roleSessionName("build-7"));

    assertThat(r.credentials().accessKeyId()).startsWith("ASIA");
    assertThat(Duration.between(Instant.now(), r.credentials().expiration()))
        .isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    assertThat(r.assumedRoleUser().assumedRoleId()).isEqualTo(role.roleId() + ":build-7");
    assertThat(r.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::" + account + ":assumed-role/deployer/build-7");
    assertThat(r.packedPolicySize()).isNull();
    assertThat(r.sourceIdentity()).isNull();
    GetCallerIdentityResponse who = as(r).getCallerIdentity();
    assertThat(who.arn()).isEqualTo(r.assumedRoleUser().arn());
    assertThat(who.userId()).isEqualTo(role.roleId() + ":build-7");
    assertThat(who.account()).isEqualTo(account);
  }

  @Test
  void assumeRole_recordsTheRolesLastUse() {
    String arn = StsFixtures.role(SERVER, "/", "used");

    sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s1"));

    Role role = SERVER.adminIam().getRole(b -> b.roleName("used")).role();
    assertThat(role.roleLastUsed().lastUsedDate()).isCloseTo(Instant.now(),
        org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
    assertThat(role.roleLastUsed().region()).isEqualTo("us-east-1");
  }

  @Test
  void assumeRole_ofAMissingRoleOrWrongPath_isAccessDeniedInAwsForm() {
    StsFixtures.role(SERVER, "/team/", "pathed");
    String account = SERVER.accountId();
    String admin = sts.getCallerIdentity().arn();
    String wrongPath = "arn:aws:iam::" + account + ":role/pathed";
    String otherAccount = "arn:aws:iam::999999999999:role/team/pathed";

    for (String arn : new String[] {wrongPath, otherAccount,
        "arn:aws:iam::" + account + ":role/nobody"}) {
      assertAwsError(() -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")),
          "AccessDenied", 403, "User: " + admin + " is not authorized to perform: "
          + "sts:AssumeRole on resource: " + arn);
    }
  }

  @Test
  void assumeRole_beyondMaxSessionDuration_isValidationError() {
    String arn = StsFixtures.role(SERVER, "/", "short");

    assertAwsError(() -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")
        .durationSeconds(3601)), "ValidationError", 400,
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  @Test
  void assumeRole_withinARaisedMaxSessionDuration_lastsAsAsked() {
    String arn = StsFixtures.role(SERVER, "/", "long");
    SERVER.adminIam().updateRole(b -> b.roleName("long").maxSessionDuration(14_400));

    AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")
        .durationSeconds(14_400));

    assertThat(Duration.between(Instant.now(), r.credentials().expiration()))
        .isBetween(Duration.ofHours(4).minusMinutes(1), Duration.ofHours(4));
  }

  @Test
  void assumeRole_byARoleSession_isChainedAndLimitedToOneHour() {
    String first = StsFixtures.role(SERVER, "/", "first");
    String second = StsFixtures.role(SERVER, "/", "second");
    SERVER.adminIam().updateRole(b -> b.roleName("second").maxSessionDuration(43_200));
    StsClient asFirst = as(sts.assumeRole(b -> b.roleArn(first).roleSessionName("a0")));

    assertAwsError(() -> asFirst.assumeRole(b -> b.roleArn(second).roleSessionName("b0")
        .durationSeconds(3601)), "ValidationError", 400, "The requested DurationSeconds "
        + "exceeds the 1 hour session limit for roles assumed by role chaining.");
    AssumeRoleResponse chained = asFirst.assumeRole(b -> b.roleArn(second).roleSessionName("b0"));
    assertThat(as(chained).getCallerIdentity().arn())
        .endsWith(":assumed-role/second/b0");
  }

  @Test
  void assumeRole_withPolicyAndTags_reportsPackedPolicySize() {
    String arn = StsFixtures.role(SERVER, "/", "packed");

    AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")
        .policy(ALLOW_ALL).policyArns(PolicyDescriptorType.builder()
            .arn("arn:aws:iam::aws:policy/ReadOnlyAccess").build())
        .tags(Tag.builder().key("team").value("blue").build()).transitiveTagKeys("team")
        .sourceIdentity("alice"));

    assertThat(r.packedPolicySize()).isBetween(1, 100);
    assertThat(r.sourceIdentity()).isEqualTo("alice");
  }

  @Test
  void assumeRole_withAPolicyBeyond2048NonBlankCharacters_isPackedPolicyTooLarge() {
    String arn = StsFixtures.role(SERVER, "/", "big");
    StringBuilder actions = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      actions.append(i == 0 ? "" : ",").append("\"s3:GetObjectVersion").append(i).append('"');
    }
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":[" + actions + "],\"Resource\":\"*\"}]}";

    assertAwsError(() -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")
        .policy(policy)), "PackedPolicyTooLarge", 400);
  }

  @Test
  void assumeRole_withAPolicyOnlyLongBecauseOfWhiteSpace_isAccepted() {
    String arn = StsFixtures.role(SERVER, "/", "spacey");
    String policy = ALLOW_ALL.replace(",", ",\n" + " ".repeat(600));

    assertThat(sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0").policy(policy))
        .packedPolicySize()).isLessThan(10);
  }

  @Test
  void assumeRole_withAnUnknownPolicyArn_isInvalidParameterValue() {
    String arn = StsFixtures.role(SERVER, "/", "arns");

    assertAwsError(() -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")
        .policyArns(PolicyDescriptorType.builder()
            .arn("arn:aws:iam::aws:policy/NoSuchPolicyAnywhere").build())),
        "InvalidParameterValue", 400);
  }

  @Test
  void assumeRole_withATransitiveKeyNotAmongTheTags_isInvalidParameterValue() {
    String arn = StsFixtures.role(SERVER, "/", "transitive");

    assertAwsError(() -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")
        .tags(Tag.builder().key("team").value("blue").build()).transitiveTagKeys("project")),
        "InvalidParameterValue", 400,
        "The specified transitive tag key must be included in the requested tags.");
  }

  @Test
  void assumeRole_inAChain_inheritsTransitiveTagsWhichNewTagsMayNotOverride() {
    String one = StsFixtures.role(SERVER, "/", "one");
    String two = StsFixtures.role(SERVER, "/", "two");
    String three = StsFixtures.role(SERVER, "/", "three");
    StsClient asOne = as(sts.assumeRole(b -> b.roleArn(one).roleSessionName("s1")
        .tags(Tag.builder().key("Heart").value("1").build(),
            Tag.builder().key("Star").value("1").build())
        .transitiveTagKeys("Heart")));

    assertAwsError(() -> asOne.assumeRole(b -> b.roleArn(two).roleSessionName("s2")
        .tags(Tag.builder().key("heart").value("3").build())), "InvalidParameterValue", 400);
    // Star was not transitive, so it may be set again; Heart passes on to the next hop too.
    StsClient asTwo = as(asOne.assumeRole(b -> b.roleArn(two).roleSessionName("s2")
        .tags(Tag.builder().key("Star").value("2").build())));
    assertAwsError(() -> asTwo.assumeRole(b -> b.roleArn(three).roleSessionName("s3")
        .tags(Tag.builder().key("HEART").value("3").build())), "InvalidParameterValue", 400);
    assertThat(asTwo.assumeRole(b -> b.roleArn(three).roleSessionName("s3")
        .tags(Tag.builder().key("Star").value("3").build())).packedPolicySize()).isPositive();
  }

  @Test
  void assumeRole_inAChain_keepsTheSourceIdentityAndRefusesAnother() {
    String one = StsFixtures.role(SERVER, "/", "src1");
    String two = StsFixtures.role(SERVER, "/", "src2");
    StsClient asOne = as(sts.assumeRole(b -> b.roleArn(one).roleSessionName("s1")
        .sourceIdentity("alice")));

    assertThat(asOne.assumeRole(b -> b.roleArn(two).roleSessionName("s2")).sourceIdentity())
        .isEqualTo("alice");
    assertThat(asOne.assumeRole(b -> b.roleArn(two).roleSessionName("s2")
        .sourceIdentity("alice")).sourceIdentity()).isEqualTo("alice");
    assertAwsError(() -> asOne.assumeRole(b -> b.roleArn(two).roleSessionName("s2")
        .sourceIdentity("mallory")), "InvalidParameterValue", 400);
  }

  @Test
  void assumeRole_byAGetSessionTokenSession_isNotChained() {
    String arn = StsFixtures.role(SERVER, "/", "fromToken");
    SERVER.adminIam().updateRole(b -> b.roleName("fromToken").maxSessionDuration(7200));
    StsClient asSession = SERVER.sts(StsFixtures.asSdk(sts.getSessionToken().credentials()));

    AssumeRoleResponse r = asSession.assumeRole(b -> b.roleArn(arn).roleSessionName("s0")
        .durationSeconds(7200));

    assertThat(Duration.between(Instant.now(), r.credentials().expiration()))
        .isGreaterThan(Duration.ofMinutes(119));
  }
}
