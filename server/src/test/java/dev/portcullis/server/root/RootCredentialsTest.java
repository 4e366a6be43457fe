package dev.portcullis.server.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.RootAccessKeys;
import dev.portcullis.iam.account.AccountSummary;
import dev.portcullis.iam.auth.Authenticator;
import dev.portcullis.iam.authz.AuthorizationSnapshot;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.credentials.AccessKeyOperations;
import dev.portcullis.iam.credentials.KeyUsage;
import dev.portcullis.iam.credentials.MfaDeviceOperations;
import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.sigv4.SigV4Identity;
import dev.portcullis.store.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root user's credentials through the operation handlers on a real store: access keys only
 * with {@code serve --allow-root-access-keys}, and MFA devices owned by the account id, eight at
 * most, listed by ListMFADevices without a UserName.
 */
class RootCredentialsTest {
  private static final String ACCOUNT = "123456789012";
  private static final Instant NOW = Instant.parse("2026-12-05T02:00:10Z");
  private static final Caller ROOT = new Caller.Root(ACCOUNT, null, Optional.empty(),
      new Caller.Request("127.0.0.1", false, NOW, "us-east-1"));
  @TempDir Path dir;
  private JdbcStore store;

  @BeforeEach
  void open() {
    store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
    store.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, NOW));
      tx.rootUser().insert(new RootUser(ACCOUNT, "ops@example.com", "$argon2id$x", false, NOW,
          null, NOW));
      return null;
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  private IamContext context(RootAccessKeys keys) {
    return new IamContext(store, Clock.fixed(NOW, ZoneOffset.UTC), new Ids(),
        new SecretCipher(new byte[32]), new PasswordHasher(), keys);
  }

  private static Struct call(OperationRegistry r, String operation, Struct in) {
    return r.handler(operation).orElseThrow().handle(ROOT, in);
  }

  private OperationRegistry accessKeys(IamContext ctx) {
    OperationRegistry r = new OperationRegistry();
    new AccessKeyOperations(ctx, new KeyUsage(store)).registerInto(r);
    return r;
  }

  private Authenticator authenticator(IamContext ctx) {
    return new Authenticator(ctx, new KeyUsage(store), new AuthorizationSnapshot(store,
        ctx.clock(), new PolicyLibrary(ManagedPolicyCatalog::bundled)));
  }

  @Test
  void createAccessKey_byRootWithoutTheFlag_isAccessDeniedAsAnScpDenies() {
    OperationRegistry r = accessKeys(context(RootAccessKeys.DENIED));

    assertThatThrownBy(() -> call(r, "CreateAccessKey", Struct.empty()))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().code()).isEqualTo("AccessDenied");
          assertThat(e.code().httpStatus()).isEqualTo(403);
          assertThat(e.getMessage()).startsWith("User: arn:aws:iam::123456789012:root is not "
              + "authorized to perform: iam:CreateAccessKey on resource: "
              + "arn:aws:iam::123456789012:root with an explicit deny in a service control "
              + "policy");
        });
    assertThat(call(r, "ListAccessKeys", Struct.empty()).<Object>list("AccessKeyMetadata"))
        .isEmpty();
  }

  @Test
  void createAccessKey_byRootWithTheFlag_issuesAKeyThatSignsAsRoot() {
    IamContext ctx = context(RootAccessKeys.ALLOWED);
    OperationRegistry r = accessKeys(ctx);

    Struct key = call(r, "CreateAccessKey", Struct.empty()).struct("AccessKey");

    String id = key.string("AccessKeyId");
    assertThat(id).startsWith("AKIA");
    assertThat(call(r, "ListAccessKeys", Struct.empty()).<Struct>list("AccessKeyMetadata"))
        .extracting(m -> m.string("AccessKeyId")).containsExactly(id);
    Authenticator.Attempt attempt = authenticator(ctx).begin();
    assertThat(attempt.secretFor(id, null)).isEqualTo(key.string("SecretAccessKey"));
    Caller caller = attempt.caller(new SigV4Identity(id, "us-east-1", "iam", NOW, null),
        "127.0.0.1", false);
    assertThat(caller).isInstanceOf(Caller.Root.class);
    assertThat(caller.principalArn()).isEqualTo("arn:aws:iam::123456789012:root");
  }

  @Test
  void rootAccessKey_onAServerWithoutTheFlag_doesNotSign() {
    Struct key = call(accessKeys(context(RootAccessKeys.ALLOWED)), "CreateAccessKey",
        Struct.empty()).struct("AccessKey");

    Authenticator withoutFlag = authenticator(context(RootAccessKeys.DENIED));

    assertThatThrownBy(() -> withoutFlag.begin().secretFor(key.string("AccessKeyId"), null))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code().code()).isEqualTo("InvalidClientTokenId"));
  }

  private OperationRegistry mfa(IamContext ctx) {
    OperationRegistry r = new OperationRegistry();
    new MfaDeviceOperations(ctx).registerInto(r);
    return r;
  }

  /** Creates a device as root and enables it for root with two consecutive codes. */
  private String enableForRoot(IamContext ctx, OperationRegistry r, String name) {
    Struct device = call(r, "CreateVirtualMFADevice",
        Struct.of("VirtualMFADeviceName", name)).struct("VirtualMFADevice");
    byte[] seed = Base32.decode(new String((byte[]) device.get("Base32StringSeed"),
        StandardCharsets.US_ASCII));
    long step = Totp.step(NOW);
    String serial = device.string("SerialNumber");
    store.write(tx -> {
      tx.rootUser().find(ACCOUNT).orElseThrow(); // root's row lock, as the console will take
      MfaDeviceOperations.assignWithinQuota(ctx, tx, ACCOUNT, ACCOUNT, serial,
          Totp.code(seed, step - 1), Totp.code(seed, step));
      return null;
    });
    return serial;
  }

  @Test
  void rootMfaDevices_upToEight_areListedForRootAndANinthIsLimitExceeded() {
    IamContext ctx = context(RootAccessKeys.DENIED);
    OperationRegistry r = mfa(ctx);
    String first = enableForRoot(ctx, r, "root-account-mfa-device");
    for (int i = 1; i < 8; i++) {
      enableForRoot(ctx, r, "root-key-" + i);
    }

    assertThatThrownBy(() -> enableForRoot(ctx, r, "root-key-8"))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().code()).isEqualTo("LimitExceeded");
          assertThat(e.getMessage()).isEqualTo("Cannot exceed quota for MFADevicesPerUser: 8");
        });
    assertThat(first).isEqualTo("arn:aws:iam::123456789012:mfa/root-account-mfa-device");
    List<Struct> listed = call(r, "ListMFADevices", Struct.empty()).list("MFADevices");
    assertThat(listed).hasSize(8);
    assertThat(listed).extracting(d -> d.string("SerialNumber")).contains(first);
    assertThat(call(r, "GetMFADevice", Struct.of("SerialNumber", first))
        .string("SerialNumber")).isEqualTo(first);
    Struct virtual = call(r, "ListVirtualMFADevices", Struct.of("AssignmentStatus", "Assigned"))
        .<Struct>list("VirtualMFADevices").stream()
        .filter(d -> d.string("SerialNumber").equals(first)).findFirst().orElseThrow();
    assertThat(virtual.struct("User").string("Arn")).isEqualTo("arn:aws:iam::123456789012:root");
  }

  @Test
  void accountSummary_reportsRootsPasswordMfaAndKeys() {
    IamContext ctx = context(RootAccessKeys.ALLOWED);
    Map<String, Integer> before = store.read(tx -> AccountSummary.of(tx, ACCOUNT));
    enableForRoot(ctx, mfa(ctx), "root-account-mfa-device");
    call(accessKeys(ctx), "CreateAccessKey", Struct.empty());

    Map<String, Integer> after = store.read(tx -> AccountSummary.of(tx, ACCOUNT));

    assertThat(before).containsEntry("AccountPasswordPresent", 1)
        .containsEntry("AccountMFAEnabled", 0).containsEntry("AccountAccessKeysPresent", 0);
    assertThat(after).containsEntry("AccountMFAEnabled", 1)
        .containsEntry("AccountAccessKeysPresent", 1).containsEntry("MFADevicesInUse", 1);
  }

  @Test
  void removeRootDevices_deletesOnlyRootsDevices() {
    IamContext ctx = context(RootAccessKeys.DENIED);
    OperationRegistry r = mfa(ctx);
    enableForRoot(ctx, r, "root-account-mfa-device");
    call(r, "CreateVirtualMFADevice", Struct.of("VirtualMFADeviceName", "spare"));

    int removed = store.write(tx -> MfaDeviceOperations.removeRootDevices(tx, ACCOUNT));

    assertThat(removed).isEqualTo(1);
    assertThat(call(r, "ListMFADevices", Struct.empty()).<Struct>list("MFADevices")).isEmpty();
    assertThat(call(r, "ListVirtualMFADevices", Struct.empty())
        .<Struct>list("VirtualMFADevices")).extracting(d -> d.string("SerialNumber"))
        .containsExactly("arn:aws:iam::123456789012:mfa/spare");
  }
}
