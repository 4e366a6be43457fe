package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.mfa.MfaDevices;
import dev.portcullis.iam.mfa.Totp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MfaDevices.verifyCode, the check STS makes of a TokenCode, on a real store and fixed clock. */
class MfaCodeVerificationTest {
  private static final String ACCOUNT = "123456789012";
  private static final String SERIAL = "arn:aws:iam::123456789012:mfa/phone";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_010);
  private static final long STEP = Totp.step(NOW);
  private final byte[] seed = MfaDevices.newSeed();
  private JdbcStore store;
  private IamContext ctx;

  @BeforeEach
  void open() {
    store = Databases.freshSqlite();
    ctx = new IamContext(store, Clock.fixed(NOW, ZoneOffset.UTC), new Ids(),
        new SecretCipher(new byte[32]), null);
    store.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, NOW));
      tx.users().insert(new User(ACCOUNT, "AIDA1", "ann", "/", NOW, null, null));
      tx.users().insert(new User(ACCOUNT, "AIDA2", "bob", "/", NOW, null, null));
      tx.mfaDevices().insert(new MfaDevice(ACCOUNT, SERIAL, "phone", "/",
          MfaDevices.seal(ctx, seed, SERIAL), NOW, null, null, null, 0));
      return null;
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void enable(long lastUsedStep) {
    store.write(tx -> {
      tx.mfaDevices().assign(ACCOUNT, SERIAL, "AIDA1", NOW, lastUsedStep);
      return null;
    });
  }

  private boolean verify(String userId, long step) {
    return MfaDevices.verifyCode(ctx, ACCOUNT, userId, SERIAL, Totp.code(seed, step));
  }

  @Test
  void verifyCode_ofTheCurrentCode_isAcceptedOnceOnly() {
    enable(STEP - 5);

    assertThat(verify("AIDA1", STEP)).isTrue();
    assertThat(verify("AIDA1", STEP)).isFalse();
  }

  @Test
  void verifyCode_acceptsOneStepEitherSideButNotTwo() {
    enable(STEP - 5);

    assertThat(verify("AIDA1", STEP - 2)).isFalse();
    assertThat(verify("AIDA1", STEP + 2)).isFalse();
    assertThat(verify("AIDA1", STEP - 1)).isTrue();
    assertThat(verify("AIDA1", STEP + 1)).isTrue();
  }

  @Test
  void verifyCode_ofAnEarlierStepThanTheLastUsed_isRefused() {
    enable(STEP);

    assertThat(verify("AIDA1", STEP - 1)).isFalse();
    assertThat(verify("AIDA1", STEP)).isFalse();
  }

  @Test
  void verifyCode_forAnotherUserOrAnUnassignedDevice_isRefused() {
    assertThat(verify("AIDA1", STEP)).isFalse();
    enable(STEP - 5);

    assertThat(verify("AIDA2", STEP)).isFalse();
    assertThat(MfaDevices.verifyCode(ctx, ACCOUNT, "AIDA1", SERIAL + "x",
        Totp.code(seed, STEP))).isFalse();
    assertThat(MfaDevices.verifyCode(ctx, ACCOUNT, "AIDA1", SERIAL, "12345")).isFalse();
    assertThat(MfaDevices.verifyCode(ctx, ACCOUNT, "AIDA1", SERIAL, null)).isFalse();
  }

  @Test
  void verifyCode_afterAResync_followsTheDevicesDrift() {
    enable(STEP - 5);
    MfaDevice device = store.read(tx -> tx.mfaDevices().find(ACCOUNT, SERIAL)).orElseThrow();
    long second = MfaDevices.resyncStep(ctx, device, Totp.code(seed, STEP + 9),
        Totp.code(seed, STEP + 10)).orElseThrow();
    store.write(tx -> tx.mfaDevices().recordUse(ACCOUNT, SERIAL, second,
        MfaDevices.driftAt(ctx, second)));

    assertThat(verify("AIDA1", STEP)).isFalse();
    assertThat(verify("AIDA1", STEP + 11)).isTrue();
  }

  @Test
  void enablingStep_needsTwoConsecutiveCurrentCodesInOrder() {
    MfaDevice device = store.read(tx -> tx.mfaDevices().find(ACCOUNT, SERIAL)).orElseThrow();

    assertThat(MfaDevices.enablingStep(ctx, device, Totp.code(seed, STEP - 1),
        Totp.code(seed, STEP))).hasValue(STEP);
    assertThat(MfaDevices.enablingStep(ctx, device, Totp.code(seed, STEP),
        Totp.code(seed, STEP + 1))).hasValue(STEP + 1);
    assertThat(MfaDevices.enablingStep(ctx, device, Totp.code(seed, STEP),
        Totp.code(seed, STEP - 1))).isEmpty();
    assertThat(MfaDevices.enablingStep(ctx, device, Totp.code(seed, STEP + 1),
        Totp.code(seed, STEP + 2))).isEmpty();
  }
}
