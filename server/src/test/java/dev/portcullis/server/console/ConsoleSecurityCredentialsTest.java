package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.passkeys.SoftwareAuthenticator;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "My security credentials": the root user enrolls a virtual MFA device (seed and QR code
 * shown once, two codes enable it), after which its sign-in asks for a code and the dashboard's
 * root-MFA check is green; a user registers passkeys up to the limit of 8 MFA devices, lists
 * and removes them; enrolling is an audited API call.
 */
class ConsoleSecurityCredentialsTest {
  private static final String ROOT_PASSWORD = "Root-Passw0rd-For-Mfa";
  private static final String USER_PASSWORD = "Us3r-Passw0rd-For-Keys";
  private static final Pattern SEED = Pattern.compile("id=\"totp-seed\">([A-Z2-7=]+)<");
  private static ConsoleFixture fx;
  private static String email;

  @BeforeAll
  static void start() throws Exception {
    fx = ConsoleFixture.start(Clock.systemUTC(), EdgeConfig.defaults());
    String hash = new PasswordHasher().hash(ROOT_PASSWORD);
    fx.server.store().write(tx -> {
      tx.rootUser().setPassword(fx.accountId(), hash, false, Instant.now());
      return null;
    });
    email = fx.server.store().read(tx -> tx.rootUser().find(fx.accountId())).orElseThrow()
        .email();
    for (String user : new String[] {"kim", "lee"}) {
      fx.user(user, USER_PASSWORD, false);
      try (var iam = fx.adminIam()) {
        iam.putUserPolicy(b -> b.userName(user).policyName("own-mfa").policyDocument("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
            "iam:*MFADevice*","iam:ListMFADevices"],"Resource":"*"}]}"""));
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @Test
  void securityPage_whenRootEnrollsTotp_signInAsksForCodeAndRootMfaCheckIsGreen() {
    ConsoleClient root = new ConsoleClient(fx.endpoint());
    assertThat(root.signIn(fx.accountId(), "root", email, ROOT_PASSWORD)
        .headers().firstValue("location")).hasValue("/console/");
    assertThat(root.get("/console/").body()).contains("The root user has no MFA device.")
        .contains("This server refuses root access keys.");
    root.get(SecurityCredentialsPage.PATH);
    HttpResponse<String> created = root.post(SecurityCredentialsPage.PATH + "/totp",
        Map.of("deviceName", "root-account-mfa-device"));
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body()).contains("src=\"data:image/png;base64,iVBOR");
    Matcher m = SEED.matcher(created.body());
    assertThat(m.find()).isTrue();
    byte[] key = Base32.decode(m.group(1));
    String serial = "arn:aws:iam::" + fx.accountId() + ":mfa/root-account-mfa-device";
    long step = Totp.step(Instant.now());
    HttpResponse<String> enabled = root.post(SecurityCredentialsPage.PATH + "/totp/enable",
        Map.of("serialNumber", serial, "code1", Totp.code(key, step - 1),
            "code2", Totp.code(key, step)));
    assertThat(enabled.body()).contains("is enabled");
    assertThat(enabled.body()).doesNotContain(m.group(1));
    assertThat(root.get("/console/").body()).contains("The root user has MFA.");
    for (String call : new String[] {"CreateVirtualMFADevice", "EnableMFADevice"}) {
      assertThat(fx.trail.all()).as(call).anyMatch(c -> call.equals(c.eventName())
          && "Root".equals(c.identity().type()) && c.error() == null);
    }

    ConsoleClient again = new ConsoleClient(fx.endpoint());
    String mfa = "/signin/" + fx.accountId() + "/mfa";
    assertThat(again.signIn(fx.accountId(), "root", email, ROOT_PASSWORD)
        .headers().firstValue("location")).hasValue(mfa);
    again.get(mfa);
    fx.trail.clear();
    HttpResponse<String> proved = again.post(mfa, Map.of("code", Totp.code(key, step + 1)));
    assertThat(proved.headers().firstValue("location")).hasValue("/console/");
    assertThat(fx.trail.all()).anyMatch(c -> "ConsoleLogin".equals(c.eventName())
        && c.signIn().success() && c.signIn().mfaUsed() && serial.equals(
            c.signIn().mfaIdentifier()));
  }

  @Test
  void securityPage_whenUserRegistersPasskeys_listsThemAndRefusesTheNinth() {
    ConsoleClient kim = new ConsoleClient(fx.endpoint());
    assertThat(kim.signIn(fx.accountId(), "iam", "kim", USER_PASSWORD)
        .headers().firstValue("location")).hasValue("/console/");
    for (int i = 1; i <= 8; i++) {
      kim.get(SecurityCredentialsPage.PATH);
      HttpResponse<String> r = register(kim, "key" + i);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    kim.get(SecurityCredentialsPage.PATH);
    HttpResponse<String> ninth = register(kim, "key9");
    assertThat(ninth.statusCode()).isEqualTo(409);
    assertThat(ninth.body()).contains("Cannot exceed quota for MFADevicesPerUser: 8");

    HttpResponse<String> page = kim.get(SecurityCredentialsPage.PATH);
    assertThat(page.body()).contains(":u2f/user/kim/key8-").contains("Passkey");
    Matcher serial = Pattern.compile("value=\"(arn:aws:iam::[0-9]+:u2f/user/kim/key1-[A-Z2-7]+)\"")
        .matcher(page.body());
    assertThat(serial.find()).isTrue();
    HttpResponse<String> removed = kim.post(SecurityCredentialsPage.PATH + "/remove",
        Map.of("serialNumber", serial.group(1)));
    assertThat(removed.body()).contains("was removed").doesNotContain(serial.group(1) + "</td>");
  }

  @Test
  void securityPage_whenPasskeyChallengeReused_refused() {
    // lee, who has no passkey yet: kim's sign-in may need one.
    ConsoleClient kim = new ConsoleClient(fx.endpoint());
    kim.signIn(fx.accountId(), "iam", "lee", USER_PASSWORD);
    kim.get(SecurityCredentialsPage.PATH);
    String options = kim.attribute("passkey-register", "data-options");
    String csrf = kim.attribute("passkey-register", "data-csrf");
    String response = new SoftwareAuthenticator(fx.endpoint().toString()).create(options);
    kim.postJson(SecurityCredentialsPage.PATH + "/passkey", "{\"credential\":{}}", csrf);
    HttpResponse<String> replay = kim.postJson(SecurityCredentialsPage.PATH + "/passkey",
        "{\"name\":\"late\",\"credential\":" + response + "}", csrf);
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.body()).contains("expired or was already answered");
  }

  @Test
  void registerPasskey_whenAPolicyDeniesEnableMfaDevice_isRefusedAsAccessDeniedAndRecorded() {
    fx.user("max", USER_PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.putUserPolicy(b -> b.userName("max").policyName("no-new-mfa").policyDocument("""
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
          "iam:*MFADevice*","iam:ListMFADevices"],"Resource":"*"},{"Effect":"Deny",
          "Action":"iam:EnableMFADevice","Resource":"*"}]}"""));
    }
    ConsoleClient max = new ConsoleClient(fx.endpoint());
    max.signIn(fx.accountId(), "iam", "max", USER_PASSWORD);
    max.get(SecurityCredentialsPage.PATH);

    HttpResponse<String> r = register(max, "sneaky");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(r.body()).contains("iam:EnableMFADevice").contains("explicit deny");
    assertThat(fx.server.store().<Integer>read(tx -> tx.passkeys().countForOwner(fx.accountId(),
        tx.users().findByName(fx.accountId(), "max").orElseThrow().userId()))).isZero();
    assertThat(fx.trail.all()).anyMatch(c -> "EnableMFADevice".equals(c.eventName())
        && "max".equals(c.identity().userName()) && c.error() != null
        && "AccessDenied".equals(c.error().code().code()));
  }

  @Test
  void registerPasskey_whenAllowed_isRecordedAsEnableMfaDevice() {
    fx.user("ned", USER_PASSWORD, false);
    try (var iam = fx.adminIam()) {
      iam.putUserPolicy(b -> b.userName("ned").policyName("own-mfa").policyDocument("""
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
          "iam:*MFADevice*","iam:ListMFADevices"],"Resource":"*"}]}"""));
    }
    ConsoleClient ned = new ConsoleClient(fx.endpoint());
    ned.signIn(fx.accountId(), "iam", "ned", USER_PASSWORD);
    ned.get(SecurityCredentialsPage.PATH);
    HttpResponse<String> r = register(ned, "recorded");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fx.trail.all()).anyMatch(c -> "EnableMFADevice".equals(c.eventName())
        && "ned".equals(c.identity().userName()) && c.error() == null);
  }

  private static HttpResponse<String> register(ConsoleClient c, String name) {
    String options = c.attribute("passkey-register", "data-options");
    String response = new SoftwareAuthenticator(fx.endpoint().toString()).create(options);
    return c.postJson(SecurityCredentialsPage.PATH + "/passkey", "{\"name\":\"" + name
        + "\",\"credential\":" + response + "}", c.attribute("passkey-register", "data-csrf"));
  }
}
