package dev.portcullis.server.passkeys;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.iam.mfa.passkeys.PasskeyOptions;
import dev.portcullis.iam.mfa.passkeys.PasskeyOwner;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused.Reason;
import dev.portcullis.iam.mfa.passkeys.Passkeys;
import dev.portcullis.iam.mfa.passkeys.RelyingParty;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.server.testing.ServerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Passkeys as MFA devices through the real store and the AWS API: registration's store rules,
 * sign-in's compare-and-set, and ListMFADevices, GetMFADevice, DeactivateMFADevice and the
 * quota of 8 devices as an AWS SDK client sees them.
 */
class PasskeyMfaDevicesTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  static final RelyingParty RP = RelyingParty.forHost("localhost");
  static final String ORIGIN = "https://localhost:8443";

  private final IamClient iam = SERVER.adminIam();

  private PasskeyOwner newUser(String name) {
    String id = iam.createUser(b -> b.userName(name)).user().userId();
    return PasskeyOwner.user(SERVER.accountId(), id, name);
  }

  private static Passkey register(PasskeyOwner owner, SoftwareAuthenticator authenticator,
      String name) {
    byte[] challenge = PasskeyCeremoniesTest.challenge();
    String response = authenticator.create(PasskeyOptions.creation(RP, owner, List.of(),
        challenge));
    return SERVER.store().write(tx -> Passkeys.register(tx, RP, ORIGIN, challenge, owner,
        response, name, Instant.now()));
  }

  private static Passkey signIn(PasskeyOwner owner, SoftwareAuthenticator authenticator,
      List<Passkey> allowed) {
    byte[] challenge = PasskeyCeremoniesTest.challenge();
    String response = authenticator.get(PasskeyOptions.request(RP, allowed, challenge));
    return SERVER.store().writeUsage(tx -> Passkeys.authenticate(tx, RP, ORIGIN, challenge,
        owner, response, Instant.now()));
  }

  @Test
  void listMfaDevices_withAPasskey_showsItsU2fSerialNumberAsAwsDoes() {
    PasskeyOwner ann = newUser("ann");

    Passkey passkey = register(ann, new SoftwareAuthenticator(ORIGIN), "yubikey");

    List<MFADevice> devices = iam.listMFADevices(b -> b.userName("ann")).mfaDevices();
    assertThat(devices).extracting(MFADevice::serialNumber)
        .containsExactly(passkey.serialNumber());
    assertThat(devices.get(0).serialNumber()).matches("arn:aws:iam::" + SERVER.accountId()
        + ":u2f/user/ann/yubikey-[A-Z2-7]{26}");
    assertThat(devices.get(0).userName()).isEqualTo("ann");
    assertThat(devices.get(0).enableDate()).isNotNull();
    assertThat(iam.getMFADevice(b -> b.userName("ann").serialNumber(passkey.serialNumber()))
        .serialNumber()).isEqualTo(passkey.serialNumber());
    // Passkeys are no virtual devices: the TOTP listing stays as it was.
    assertThat(iam.listVirtualMFADevices().virtualMFADevices())
        .extracting(VirtualMFADevice::serialNumber).doesNotContain(passkey.serialNumber());
  }

  @Test
  void getAccountSummary_countsAPasskeyAsAnMfaDeviceInUse() {
    PasskeyOwner max = newUser("max");
    Map<SummaryKeyType, Integer> before = iam.getAccountSummary().summaryMap();

    register(max, new SoftwareAuthenticator(ORIGIN), "key");

    Map<SummaryKeyType, Integer> after = iam.getAccountSummary().summaryMap();
    assertThat(after.get(SummaryKeyType.MFA_DEVICES_IN_USE))
        .isEqualTo(before.get(SummaryKeyType.MFA_DEVICES_IN_USE) + 1);
    assertThat(after.get(SummaryKeyType.MFA_DEVICES))
        .isEqualTo(before.get(SummaryKeyType.MFA_DEVICES) + 1);
  }

  @Test
  void deactivateMfaDevice_withAPasskeysSerial_removesThePasskey() {
    PasskeyOwner bob = newUser("bob");
    Passkey passkey = register(bob, new SoftwareAuthenticator(ORIGIN), "laptop");
    assertAwsError(() -> iam.deleteUser(b -> b.userName("bob")), "DeleteConflict", 409,
        "Cannot delete entity, must delete MFA device first.");

    iam.deactivateMFADevice(b -> b.userName("bob").serialNumber(passkey.serialNumber()));

    assertThat(iam.listMFADevices(b -> b.userName("bob")).mfaDevices()).isEmpty();
    assertAwsError(() -> iam.deactivateMFADevice(b -> b.userName("bob")
        .serialNumber(passkey.serialNumber())), "NoSuchEntity", 404,
        "VirtualMFADevice with serial number " + passkey.serialNumber() + " doesn't exist.");
    iam.deleteUser(b -> b.userName("bob"));
  }

  @Test
  void deactivateMfaDevice_withAnotherUsersPasskey_isNoSuchEntityAndKeepsIt() {
    PasskeyOwner carl = newUser("carl");
    newUser("dora");
    Passkey passkey = register(carl, new SoftwareAuthenticator(ORIGIN), "key");

    assertAwsError(() -> iam.deactivateMFADevice(b -> b.userName("dora")
        .serialNumber(passkey.serialNumber())), "NoSuchEntity", 404,
        "VirtualMFADevice with serial number " + passkey.serialNumber() + " doesn't exist.");
    assertThat(iam.listMFADevices(b -> b.userName("carl")).mfaDevices()).hasSize(1);
  }

  @Test
  void enableMfaDevice_whenPasskeysAndTotpMakeEight_isLimitExceeded() throws Exception {
    PasskeyOwner erin = newUser("erin");
    for (int i = 0; i < 7; i++) {
      register(erin, new SoftwareAuthenticator(ORIGIN), "key" + i);
    }
    VirtualMFADevice first = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("erin-1"))
        .virtualMFADevice();
    enable("erin", first);
    VirtualMFADevice second = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("erin-2"))
        .virtualMFADevice();

    assertAwsError(() -> enable("erin", second), "LimitExceeded", 409,
        "Cannot exceed quota for MFADevicesPerUser: 8");
    assertThatThrownBy(() -> register(erin, new SoftwareAuthenticator(ORIGIN), "key8"))
        .isInstanceOf(AwsException.class)
        .hasMessage("Cannot exceed quota for MFADevicesPerUser: 8");
    assertThat(iam.listMFADevices(b -> b.userName("erin")).mfaDevices()).hasSize(8);
  }

  @Test
  void register_ofACredentialRegisteredToAnotherUser_isRefused() {
    PasskeyOwner fay = newUser("fay");
    PasskeyOwner gus = newUser("gus");
    SoftwareAuthenticator shared = new SoftwareAuthenticator(ORIGIN);
    register(fay, shared, "key");

    assertThatThrownBy(() -> register(gus, shared, "key")).isInstanceOf(PasskeyRefused.class)
        .hasMessage(Reason.ALREADY_REGISTERED.message());
    assertThat(iam.listMFADevices(b -> b.userName("gus")).mfaDevices()).isEmpty();
  }

  @Test
  void register_withANameAwsWouldNotAccept_isRefused() {
    PasskeyOwner hal = newUser("hal");

    assertThatThrownBy(() -> register(hal, new SoftwareAuthenticator(ORIGIN), "my key/1"))
        .isInstanceOf(PasskeyRefused.class).hasMessage(Reason.INVALID_NAME.message());
  }

  @Test
  void register_forAUserDeletedMeanwhile_isNoSuchEntity() {
    PasskeyOwner nia = newUser("nia");
    iam.deleteUser(b -> b.userName("nia"));

    assertThatThrownBy(() -> register(nia, new SoftwareAuthenticator(ORIGIN), "key"))
        .isInstanceOf(AwsException.class)
        .hasMessage("The user with name nia cannot be found.");
  }

  @Test
  void authenticate_recordsTheNewSignCountAndLastUse() {
    PasskeyOwner ivy = newUser("ivy");
    SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN);
    Passkey passkey = register(ivy, key, "key");

    Passkey used = signIn(ivy, key, List.of(passkey));

    assertThat(used.serialNumber()).isEqualTo(passkey.serialNumber());
    assertThat(used.signCount()).isEqualTo(1);
    Passkey stored = SERVER.store().read(tx -> tx.passkeys()
        .findByCredentialId(passkey.credentialId())).orElseThrow();
    assertThat(stored.signCount()).isEqualTo(1);
    assertThat(stored.lastUsedAt()).isNotNull();
  }

  @Test
  void authenticate_withAnotherUsersPasskey_isRefused() {
    PasskeyOwner jan = newUser("jan");
    PasskeyOwner kim = newUser("kim");
    SoftwareAuthenticator jansKey = new SoftwareAuthenticator(ORIGIN);
    Passkey passkey = register(jan, jansKey, "key");

    assertThatThrownBy(() -> signIn(kim, jansKey, List.of(passkey)))
        .isInstanceOf(PasskeyRefused.class).hasMessage(Reason.UNKNOWN_CREDENTIAL.message());
  }

  @Test
  void authenticate_byAKeyAndItsCloneAtOnce_letsExactlyOneIn() throws Exception {
    PasskeyOwner lou = newUser("lou");
    SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN);
    Passkey passkey = register(lou, key, "key");
    signIn(lou, key, List.of(passkey));
    List<SoftwareAuthenticator> copies = List.of(key.cloned(), key.cloned(), key.cloned(),
        key.cloned());
    ExecutorService pool = Executors.newFixedThreadPool(copies.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (SoftwareAuthenticator copy : copies) {
        results.add(pool.submit(() -> {
          start.await();
          try {
            signIn(lou, copy, List.of(passkey));
            return true;
          } catch (PasskeyRefused e) {
            assertThat(e.reason()).isIn(Reason.POSSIBLE_CLONE, Reason.CONCURRENT_USE);
            return false;
          }
        }));
      }
      start.countDown();
      int passed = 0;
      for (Future<Boolean> r : results) {
        passed += r.get() ? 1 : 0;
      }

      assertThat(passed).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private void enable(String user, VirtualMFADevice device) throws InterruptedException {
    long second = Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
    if (second >= Totp.STEP_SECONDS - 4) {
      Thread.sleep((Totp.STEP_SECONDS - second + 1) * 1000);
    }
    long now = Totp.step(Instant.now());
    byte[] seed = Base32.decode(device.base32StringSeed().asUtf8String());
    iam.enableMFADevice(b -> b.userName(user).serialNumber(device.serialNumber())
        .authenticationCode1(Totp.code(seed, now - 1))
        .authenticationCode2(Totp.code(seed, now)));
  }
}
