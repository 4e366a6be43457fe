package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store must do with virtual MFA devices, whatever the database. */
abstract class MfaDeviceStoreContractTest {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  static final String SERIAL = "arn:aws:iam::123456789012:mfa/ops/Phone";
  Store store;

  abstract Store openStore();

  @BeforeEach
  void open() {
    store = openStore();
    write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, NOW));
      tx.users().insert(new User(ACCOUNT, "AIDA1", "ann", "/", NOW, null, null));
      tx.mfaDevices().insert(new MfaDevice(ACCOUNT, SERIAL, "Phone", "/ops/", "v1:sealed", NOW,
          null, null, null, 0));
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  void write(Consumer<StoreTx> work) {
    store.write(tx -> {
      work.accept(tx);
      return null;
    });
  }

  MfaDevice device() {
    return store.read(tx -> tx.mfaDevices().find(ACCOUNT, SERIAL.toUpperCase())).orElseThrow();
  }

  @Test
  void find_roundTripsIgnoringTheSerialNumbersCase() {
    assertThat(device()).isEqualTo(new MfaDevice(ACCOUNT, SERIAL, "Phone", "/ops/",
        "v1:sealed", NOW, null, null, null, 0));
  }

  @Test
  void insert_ofASerialNumberInAnotherCase_isRejectedByTheDatabase() {
    assertThatThrownBy(() -> write(tx -> tx.mfaDevices().insert(new MfaDevice(ACCOUNT,
        SERIAL.toUpperCase(), "PHONE", "/OPS/", "v1:x", NOW, null, null, null, 0))))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void assignThenUnassign_keepsTheSpentStepAndCountsAssignedDevices() {
    write(tx -> tx.mfaDevices().assign(ACCOUNT, SERIAL, "AIDA1", NOW, 100));
    assertThat(device().userId()).isEqualTo("AIDA1");
    assertThat(store.<Integer>read(tx -> tx.mfaDevices().countAssigned(ACCOUNT))).isEqualTo(1);
    assertThat(store.<List<MfaDevice>>read(tx ->
        tx.mfaDevices().listForUser(ACCOUNT, "AIDA1"))).hasSize(1);

    write(tx -> tx.mfaDevices().unassign(ACCOUNT, SERIAL));

    assertThat(device().assigned()).isFalse();
    assertThat(device().enabledAt()).isNull();
    assertThat(device().lastUsedStep()).isEqualTo(100L);
    assertThat(store.<Integer>read(tx -> tx.mfaDevices().countAssigned(ACCOUNT))).isZero();
    assertThat(store.<Integer>read(tx -> tx.mfaDevices().count(ACCOUNT))).isEqualTo(1);
  }

  @Test
  void recordUse_ofAStepNotAfterTheLastUsed_isRefused() {
    write(tx -> tx.mfaDevices().assign(ACCOUNT, SERIAL, "AIDA1", NOW, 100));

    assertThat(store.<Boolean>write(tx -> tx.mfaDevices().recordUse(ACCOUNT, SERIAL, 100, 0)))
        .isFalse();
    assertThat(store.<Boolean>write(tx -> tx.mfaDevices().recordUse(ACCOUNT, SERIAL, 101, 2)))
        .isTrue();
    assertThat(store.<Boolean>write(tx -> tx.mfaDevices().recordUse(ACCOUNT, SERIAL, 101, 2)))
        .isFalse();
    assertThat(device().lastUsedStep()).isEqualTo(101L);
    assertThat(device().driftSteps()).isEqualTo(2);
  }

  @Test
  void delete_removesTheDevice() {
    write(tx -> tx.mfaDevices().delete(ACCOUNT, SERIAL));

    assertThat(store.<List<MfaDevice>>read(tx -> tx.mfaDevices().list(ACCOUNT))).isEmpty();
  }
}
