package dev.portcullis.server.sts;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.Tag;

class SessionTokenOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  @Test
  void getSessionToken_returnsAsiaCredentialsForTwelveHoursActingAsTheUser() {
    AwsBasicCredentials kim = StsFixtures.userWithKey(SERVER, "kim");
    String userId = SERVER.adminIam().getUser(b -> b.userName("kim")).user().userId();

    Credentials c = SERVER.sts(kim).getSessionToken().credentials();

    assertThat(c.accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(c.secretAccessKey()).hasSize(40);
    assertThat(c.sessionToken()).hasSizeGreaterThanOrEqualTo(88);
    assertThat(Duration.between(Instant.now(), c.expiration()))
        .isBetween(Duration.ofHours(12).minusMinutes(1), Duration.ofHours(12));
    GetCallerIdentityResponse who = SERVER.sts(StsFixtures.asSdk(c)).getCallerIdentity();
    assertThat(who.arn()).isEqualTo("arn:aws:iam::" + SERVER.accountId() + ":user/kim");
    assertThat(who.userId()).isEqualTo(userId);
    assertThat(who.account()).isEqualTo(SERVER.accountId());
  }

  @Test
  void getSessionToken_withDurationSeconds_expiresThen() {
    AwsBasicCredentials lee = StsFixtures.userWithKey(SERVER, "lee");

    Credentials c = SERVER.sts(lee).getSessionToken(b -> b.durationSeconds(900)).credentials();

    assertThat(Duration.between(Instant.now(), c.expiration()))
        .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
  }

  @Test
  void getSessionToken_outsideTheDurationRange_isValidationError() {
    StsClient sts = SERVER.adminSts();

    assertAwsError(() -> sts.getSessionToken(b -> b.durationSeconds(899)), "ValidationError",
        400);
    assertAwsError(() -> sts.getSessionToken(b -> b.durationSeconds(129_601)),
        "ValidationError", 400);
  }

  @Test
  void getSessionToken_withSessionCredentials_isAccessDenied() {
    Credentials c = SERVER.adminSts().getSessionToken().credentials();

    assertAwsError(() -> SERVER.sts(StsFixtures.asSdk(c)).getSessionToken(), "AccessDenied",
        403, "Cannot call GetSessionToken with session credentials");
  }

  @Test
  void getSessionToken_withAnMfaDevice_isAccessDeniedWhileNoDevicesExist() {
    assertAwsError(() -> SERVER.adminSts().getSessionToken(b -> b
        .serialNumber("arn:aws:iam::" + SERVER.accountId() + ":mfa/kim").tokenCode("123456")),
        "AccessDenied", 403, "MultiFactorAuthentication failed, unable to validate MFA code.");
  }

  @Test
  void getFederationToken_returnsAFederatedUserSession() {
    AwsBasicCredentials ann = StsFixtures.userWithKey(SERVER, "ann");
    SERVER.allow("ann", "sts:GetFederationToken", "sts:TagSession");
    String account = SERVER.accountId();

    GetFederationTokenResponse r = SERVER.sts(ann).getFederationToken(b -> b.name("bob")
        .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")
        .policyArns(PolicyDescriptorType.builder()
            .arn("arn:aws:iam::aws:policy/ReadOnlyAccess").build())
        .tags(Tag.builder().key("team").value("blue").build()));

    assertThat(r.federatedUser().federatedUserId()).isEqualTo(account + ":bob");
    assertThat(r.federatedUser().arn())
        .isEqualTo("arn:aws:sts::" + account + ":federated-user/bob");
    assertThat(r.packedPolicySize()).isBetween(1, 100);
    assertThat(Duration.between(Instant.now(), r.credentials().expiration()))
        .isBetween(Duration.ofHours(12).minusMinutes(1), Duration.ofHours(12));
    GetCallerIdentityResponse who = SERVER.sts(StsFixtures.asSdk(r.credentials()))
        .getCallerIdentity();
    assertThat(who.arn()).isEqualTo("arn:aws:sts::" + account + ":federated-user/bob");
    assertThat(who.userId()).isEqualTo(account + ":bob");
  }

  @Test
  void getFederationToken_withoutPoliciesOrTags_reportsAPackedPolicySizeOfZero() {
    GetFederationTokenResponse r = SERVER.adminSts().getFederationToken(b -> b.name("plain"));

    assertThat(r.packedPolicySize()).isZero();
  }

  @Test
  void getFederationToken_withSessionCredentials_isAccessDenied() {
    Credentials c = SERVER.adminSts().getSessionToken().credentials();

    assertAwsError(() -> SERVER.sts(StsFixtures.asSdk(c)).getFederationToken(b -> b.name("x1")),
        "AccessDenied", 403, "Cannot call GetFederationToken with session credentials");
  }

  @Test
  void getFederationToken_withAnUnknownPolicyArn_isInvalidParameterValue() {
    String arn = "arn:aws:iam::" + SERVER.accountId() + ":policy/missing";

    assertAwsError(() -> SERVER.adminSts().getFederationToken(b -> b.name("fed")
        .policyArns(PolicyDescriptorType.builder().arn(arn).build())),
        "InvalidParameterValue", 400, "Policy " + arn + " does not exist or is not attachable.");
  }

  @Test
  void getFederationToken_withElevenPolicyArns_isValidationError() {
    List<PolicyDescriptorType> arns = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      arns.add(PolicyDescriptorType.builder()
          .arn("arn:aws:iam::aws:policy/ReadOnlyAccess").build());
    }

    assertAwsError(() -> SERVER.adminSts().getFederationToken(b -> b.name("fed").policyArns(arns)),
        "ValidationError", 400);
  }

  @Test
  void getFederationToken_withAMalformedPolicy_isMalformedPolicyDocument() {
    assertAwsError(() -> SERVER.adminSts().getFederationToken(b -> b.name("fed")
        .policy("{\"Version\":\"2012-10-17\"}")), "MalformedPolicyDocument", 400);
  }

  @Test
  void getFederationToken_withDuplicateTagKeys_isInvalidParameterValue() {
    assertAwsError(() -> SERVER.adminSts().getFederationToken(b -> b.name("fed").tags(
        Tag.builder().key("Team").value("a").build(),
        Tag.builder().key("team").value("b").build())), "InvalidParameterValue", 400,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }

  @Test
  void getAccessKeyInfo_namesTheAccountOfLongTermAndTemporaryKeys() {
    Credentials c = SERVER.adminSts().getSessionToken().credentials();
    StsClient sts = SERVER.adminSts();

    assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(SERVER.adminCredentials()
        .accessKeyId())).account()).isEqualTo(SERVER.accountId());
    assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(c.accessKeyId())).account())
        .isEqualTo(SERVER.accountId());
    assertAwsError(() -> sts.getAccessKeyInfo(b -> b.accessKeyId("AKIAUNKNOWNUNKNOWN00")),
        "InvalidParameterValue", 400);
  }
}
