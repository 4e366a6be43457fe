package dev.portcullis.server.iam;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.server.testing.ServerExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.GetMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/** Round trips of the MFA device operations; codes come from the seed and the server's clock. */
class MfaDeviceOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  private final IamClient iam = SERVER.adminIam();

  private VirtualMFADevice create(String name) {
    return iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)).virtualMFADevice();
  }

  private static byte[] seed(VirtualMFADevice device) {
    return Base32.decode(device.base32StringSeed().asUtf8String());
  }

  /** The current step, waiting out the last seconds of a step so a test's codes stay current. */
  private static long currentStep() throws InterruptedException {
    long second = Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
    if (second >= Totp.STEP_SECONDS - 4) {
      Thread.sleep((Totp.STEP_SECONDS - second + 1) * 1000);
    }
    return Totp.step(Instant.now());
  }

  private void enable(String user, VirtualMFADevice device) throws InterruptedException {
    long now = currentStep();
    iam.enableMFADevice(b -> b.userName(user).serialNumber(device.serialNumber())
        .authenticationCode1(Totp.code(seed(device), now - 1))
        .authenticationCode2(Totp.code(seed(device), now)));
  }

  @Test
  void createVirtualMfaDevice_returnsTheArnSerialABase32SeedAndAQrCodeOfIt() throws Exception {
    VirtualMFADevice d = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("phone")
        .path("/team/").tags(Tag.builder().key("owner").value("ann").build()))
        .virtualMFADevice();

    assertThat(d.serialNumber())
        .isEqualTo("arn:aws:iam::" + SERVER.accountId() + ":mfa/team/phone");
    String seed = d.base32StringSeed().asUtf8String();
    assertThat(seed).matches("[A-Z2-7]{32}");
    assertThat(Base32.decode(seed)).hasSize(20);
    assertThat(d.tags()).extracting(Tag::key).containsExactly("owner");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(d.qrCodePNG().asByteArray()));
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    String uri = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(img.getWidth(), img.getHeight(), px)))).getText();
    assertThat(uri).startsWith("otpauth://totp/").contains("secret=" + seed);
  }

  @Test
  void createVirtualMfaDevice_withATakenPathAndName_isEntityAlreadyExists() {
    create("dup");

    assertAwsError(() -> create("DUP"), "EntityAlreadyExists", 409,
        "MFADevice entity at the same path and name already exists.");
  }

  @Test
  void enableMfaDevice_withTwoConsecutiveCodes_assignsTheDevice() throws Exception {
    iam.createUser(b -> b.userName("ann"));
    VirtualMFADevice d = create("ann-phone");

    enable("ann", d);

    List<MFADevice> devices = iam.listMFADevices(b -> b.userName("ann")).mfaDevices();
    assertThat(devices).extracting(MFADevice::serialNumber).containsExactly(d.serialNumber());
    assertThat(devices.get(0).userName()).isEqualTo("ann");
    assertThat(devices.get(0).enableDate()).isNotNull();
    GetMfaDeviceResponse got = iam.getMFADevice(b -> b.userName("ann")
        .serialNumber(d.serialNumber()));
    assertThat(got.userName()).isEqualTo("ann");
    assertThat(got.enableDate()).isEqualTo(devices.get(0).enableDate());
    VirtualMFADevice listed = iam.listVirtualMFADevices(b -> b
        .assignmentStatus(AssignmentStatusType.ASSIGNED)).virtualMFADevices().stream()
        .filter(v -> v.serialNumber().equals(d.serialNumber())).findFirst().orElseThrow();
    assertThat(listed.user().userName()).isEqualTo("ann");
    assertThat(listed.enableDate()).isNotNull();
    assertThat(listed.base32StringSeed()).isNull();
    assertThat(listed.qrCodePNG()).isNull();
    assertThat(iam.listVirtualMFADevices(b -> b
        .assignmentStatus(AssignmentStatusType.UNASSIGNED)).virtualMFADevices())
        .extracting(VirtualMFADevice::serialNumber).doesNotContain(d.serialNumber());
  }

  @Test
  void enableMfaDevice_withWrongOrReversedCodes_isInvalidAuthenticationCode() throws Exception {
    iam.createUser(b -> b.userName("bo"));
    VirtualMFADevice d = create("bo-phone");
    long now = currentStep();

    assertAwsError(() -> iam.enableMFADevice(b -> b.userName("bo")
        .serialNumber(d.serialNumber()).authenticationCode1(Totp.code(seed(d), now))
        .authenticationCode2(Totp.code(seed(d), now - 1))), "InvalidAuthenticationCode", 403,
        "Authentication code for device is not valid.");
    assertAwsError(() -> iam.enableMFADevice(b -> b.userName("bo")
        .serialNumber(d.serialNumber()).authenticationCode1(Totp.code(seed(d), now - 5))
        .authenticationCode2(Totp.code(seed(d), now - 4))), "InvalidAuthenticationCode", 403);
    assertThat(iam.listMFADevices(b -> b.userName("bo")).mfaDevices()).isEmpty();
  }

  @Test
  void enableMfaDevice_reusingSpentCodesAfterDeactivation_isInvalidAuthenticationCode()
      throws Exception {
    iam.createUser(b -> b.userName("cy"));
    VirtualMFADevice d = create("cy-phone");
    long now = currentStep();
    String c1 = Totp.code(seed(d), now - 1);
    String c2 = Totp.code(seed(d), now);
    iam.enableMFADevice(b -> b.userName("cy").serialNumber(d.serialNumber())
        .authenticationCode1(c1).authenticationCode2(c2));

    iam.deactivateMFADevice(b -> b.userName("cy").serialNumber(d.serialNumber()));

    assertThat(iam.listMFADevices(b -> b.userName("cy")).mfaDevices()).isEmpty();
    assertAwsError(() -> iam.enableMFADevice(b -> b.userName("cy")
        .serialNumber(d.serialNumber()).authenticationCode1(c1).authenticationCode2(c2)),
        "InvalidAuthenticationCode", 403);
  }

  @Test
  void enableMfaDevice_ofADeviceInUse_isEntityAlreadyExists() throws Exception {
    iam.createUser(b -> b.userName("di"));
    iam.createUser(b -> b.userName("ed"));
    VirtualMFADevice d = create("di-phone");
    enable("di", d);

    assertAwsError(() -> enable("ed", d), "EntityAlreadyExists", 409,
        "MFA Device is already in use.");
  }

  @Test
  void enableMfaDevice_beyondEightPerUser_isLimitExceeded() throws Exception {
    iam.createUser(b -> b.userName("fay"));
    for (int i = 0; i < 8; i++) {
      enable("fay", create("fay-" + i));
    }
    VirtualMFADevice ninth = create("fay-8");

    assertAwsError(() -> enable("fay", ninth), "LimitExceeded", 409,
        "Cannot exceed quota for MFADevicesPerUser: 8");
    assertThat(iam.listMFADevices(b -> b.userName("fay").maxItems(5)).mfaDevices()).hasSize(5);
  }

  @Test
  void enableMfaDevice_ofAnUnknownUserOrDevice_isNoSuchEntity() {
    iam.createUser(b -> b.userName("gus"));
    VirtualMFADevice d = create("gus-phone");
    String missing = "arn:aws:iam::" + SERVER.accountId() + ":mfa/nothing";

    assertAwsError(() -> iam.enableMFADevice(b -> b.userName("nobody")
        .serialNumber(d.serialNumber()).authenticationCode1("123456")
        .authenticationCode2("234567")), "NoSuchEntity", 404);
    assertAwsError(() -> iam.enableMFADevice(b -> b.userName("gus").serialNumber(missing)
        .authenticationCode1("123456").authenticationCode2("234567")), "NoSuchEntity", 404,
        "VirtualMFADevice with serial number " + missing + " doesn't exist.");
    assertAwsError(() -> iam.getMFADevice(b -> b.userName("gus")
        .serialNumber(d.serialNumber())), "NoSuchEntity", 404);
  }

  @Test
  void resyncMfaDevice_withCodesOfASkewedClock_succeedsOnceAndRefusesFarCodes()
      throws Exception {
    iam.createUser(b -> b.userName("hal"));
    VirtualMFADevice d = create("hal-phone");
    enable("hal", d);
    long now = currentStep();
    String c1 = Totp.code(seed(d), now + 6);
    String c2 = Totp.code(seed(d), now + 7);

    iam.resyncMFADevice(b -> b.userName("hal").serialNumber(d.serialNumber())
        .authenticationCode1(c1).authenticationCode2(c2));

    assertAwsError(() -> iam.resyncMFADevice(b -> b.userName("hal")
        .serialNumber(d.serialNumber()).authenticationCode1(c1).authenticationCode2(c2)),
        "InvalidAuthenticationCode", 403);
    assertAwsError(() -> iam.resyncMFADevice(b -> b.userName("hal")
        .serialNumber(d.serialNumber()).authenticationCode1(Totp.code(seed(d), now + 60))
        .authenticationCode2(Totp.code(seed(d), now + 61))), "InvalidAuthenticationCode", 403);
  }

  @Test
  void deleteVirtualMfaDevice_whileEnabled_isDeleteConflictUntilDeactivated() throws Exception {
    iam.createUser(b -> b.userName("ivy"));
    VirtualMFADevice d = create("ivy-phone");
    enable("ivy", d);

    assertAwsError(() -> iam.deleteVirtualMFADevice(b -> b.serialNumber(d.serialNumber())),
        "DeleteConflict", 409, "MFA Device is still in use");
    assertAwsError(() -> iam.deleteUser(b -> b.userName("ivy")), "DeleteConflict", 409,
        "Cannot delete entity, must delete MFA device first.");

    iam.deactivateMFADevice(b -> b.userName("ivy").serialNumber(d.serialNumber()));
    iam.deleteVirtualMFADevice(b -> b.serialNumber(d.serialNumber()));
    iam.deleteUser(b -> b.userName("ivy"));

    assertThat(iam.listVirtualMFADevices().virtualMFADevices())
        .extracting(VirtualMFADevice::serialNumber).doesNotContain(d.serialNumber());
    assertAwsError(() -> iam.deleteVirtualMFADevice(b -> b.serialNumber(d.serialNumber())),
        "NoSuchEntity", 404);
  }

  @Test
  void deactivateMfaDevice_ofAnotherUsersDevice_isNoSuchEntity() throws Exception {
    iam.createUser(b -> b.userName("jo"));
    iam.createUser(b -> b.userName("kai"));
    VirtualMFADevice d = create("jo-phone");
    enable("jo", d);

    assertAwsError(() -> iam.deactivateMFADevice(b -> b.userName("kai")
        .serialNumber(d.serialNumber())), "NoSuchEntity", 404);
  }

  @Test
  void listMfaDevices_withoutUserName_listsTheCallersOwnDevices() throws Exception {
    iam.createUser(b -> b.userName("lu"));
    VirtualMFADevice d = create("lu-phone");
    enable("lu", d);
    AccessKey key = iam.createAccessKey(b -> b.userName("lu")).accessKey();
    SERVER.allow("lu", "iam:ListMFADevices", "iam:GetMFADevice");
    IamClient asLu = SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()));

    assertThat(asLu.listMFADevices().mfaDevices()).extracting(MFADevice::serialNumber)
        .containsExactly(d.serialNumber());
    assertThat(asLu.getMFADevice(b -> b.serialNumber(d.serialNumber())).userName())
        .isEqualTo("lu");
  }

  @Test
  void listVirtualMfaDevices_pagesWithMarkerAndMaxItems() {
    for (String n : List.of("page-a", "page-b", "page-c")) {
      create(n);
    }
    List<String> seen = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      ListVirtualMfaDevicesResponse page = iam.listVirtualMFADevices(b -> b.maxItems(2)
          .marker(m).assignmentStatus(AssignmentStatusType.UNASSIGNED));
      assertThat(page.virtualMFADevices()).hasSizeLessThanOrEqualTo(2);
      page.virtualMFADevices().forEach(v -> seen.add(v.serialNumber()));
      marker = page.isTruncated() ? page.marker() : null;
    } while (marker != null);

    assertThat(seen).doesNotHaveDuplicates().anyMatch(s -> s.endsWith("mfa/page-a"))
        .anyMatch(s -> s.endsWith("mfa/page-b")).anyMatch(s -> s.endsWith("mfa/page-c"));
  }

  @Test
  void tagMfaDevice_untagAndList_roundTrip() {
    VirtualMFADevice d = create("tagged");

    iam.tagMFADevice(b -> b.serialNumber(d.serialNumber()).tags(
        Tag.builder().key("team").value("ops").build(),
        Tag.builder().key("cost").value("42").build()));
    iam.untagMFADevice(b -> b.serialNumber(d.serialNumber()).tagKeys("COST"));

    assertThat(iam.listMFADeviceTags(b -> b.serialNumber(d.serialNumber())).tags())
        .containsExactly(Tag.builder().key("team").value("ops").build());
    List<Tag> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(Tag.builder().key("k" + i).value("v").build());
    }
    assertAwsError(() -> iam.tagMFADevice(b -> b.serialNumber(d.serialNumber()).tags(many)),
        "LimitExceeded", 409);
    assertAwsError(() -> iam.listMFADeviceTags(b -> b.serialNumber(d.serialNumber() + "x")),
        "NoSuchEntity", 404);
  }

  @Test
  void getAccountSummary_countsDevicesAndThoseInUse() throws Exception {
    iam.createUser(b -> b.userName("mo"));
    var before = iam.getAccountSummary().summaryMap();
    VirtualMFADevice d = create("mo-phone");
    create("mo-spare");
    enable("mo", d);

    var after = iam.getAccountSummary().summaryMap();

    assertThat(after.get(SummaryKeyType.MFA_DEVICES))
        .isEqualTo(before.get(SummaryKeyType.MFA_DEVICES) + 2);
    assertThat(after.get(SummaryKeyType.MFA_DEVICES_IN_USE))
        .isEqualTo(before.get(SummaryKeyType.MFA_DEVICES_IN_USE) + 1);
  }

  @Test
  void seed_neverAppearsInClearInTheDatabaseFiles() throws Exception {
    VirtualMFADevice d = create("secret-keeper");
    String seed = d.base32StringSeed().asUtf8String();
    byte[] raw = Base32.decode(seed);
    String[] forms = {seed, Base64.getEncoder().encodeToString(raw),
        new String(raw, StandardCharsets.ISO_8859_1)};

    try (Stream<Path> files = Files.list(SERVER.dataDir())) {
      List<Path> dbFiles = files.filter(p -> p.getFileName().toString()
          .startsWith("portcullis.db")).toList();
      assertThat(dbFiles).isNotEmpty();
      for (Path f : dbFiles) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain(forms);
      }
    }
  }
}
