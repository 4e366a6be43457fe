package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store must do with passkeys, whatever the database. */
abstract class PasskeyStoreContractTest {
  static final String ACCOUNT = "123456789012";
  static final String OTHER_ACCOUNT = "210987654321";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  static final String SERIAL =
      "arn:aws:iam::123456789012:u2f/user/ann/key-ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  Store store;

  abstract Store openStore();

  static Passkey passkey(String account, String owner, String credentialId, String serial,
      long count) {
    return new Passkey(account, owner, credentialId, "pQECAyYgASFYIA", count,
        "00000000-0000-0000-0000-000000000000", List.of("internal", "usb"), true, "key",
        serial, NOW, null);
  }

  @BeforeEach
  void open() {
    store = openStore();
    write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, NOW));
      tx.accounts().create(new Account(OTHER_ACCOUNT, NOW));
      tx.passkeys().insert(passkey(ACCOUNT, "AIDA1", "cred-1", SERIAL, 5));
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

  Passkey stored() {
    return store.read(tx -> tx.passkeys().findByCredentialId("cred-1")).orElseThrow();
  }

  @Test
  void findBySerial_roundTripsEveryFieldIgnoringTheSerialNumbersCase() {
    assertThat(store.<Optional<Passkey>>read(tx -> tx.passkeys().findBySerial(ACCOUNT, SERIAL.toUpperCase())))
        .contains(passkey(ACCOUNT, "AIDA1", "cred-1", SERIAL, 5));
    assertThat(store.<Optional<Passkey>>read(tx -> tx.passkeys().findBySerial(OTHER_ACCOUNT, SERIAL))).isEmpty();
  }

  @Test
  void insert_ofACredentialIdRegisteredInAnotherAccount_isRejectedByTheDatabase() {
    assertThatThrownBy(() -> write(tx -> tx.passkeys().insert(passkey(OTHER_ACCOUNT, "AIDA9",
        "cred-1", "arn:aws:iam::210987654321:u2f/user/bob/key-X", 0))))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void listAndCountForOwner_countOnlyThatOwnersPasskeysOldestFirst() {
    write(tx -> {
      tx.passkeys().insert(passkey(ACCOUNT, "AIDA1", "cred-2", SERIAL + "2", 0));
      tx.passkeys().insert(passkey(ACCOUNT, "AIDA2", "cred-3", SERIAL + "3", 0));
    });

    assertThat(store.<List<Passkey>>read(tx -> tx.passkeys().listForOwner(ACCOUNT, "AIDA1")))
        .extracting(Passkey::credentialId).containsExactly("cred-1", "cred-2");
    assertThat(store.<Integer>read(tx -> tx.passkeys().countForOwner(ACCOUNT, "AIDA1")))
        .isEqualTo(2);
    assertThat(store.<Integer>read(tx -> tx.passkeys().countForOwner(OTHER_ACCOUNT, "AIDA1")))
        .isZero();
    assertThat(store.<Integer>read(tx -> tx.passkeys().countForAccount(ACCOUNT))).isEqualTo(3);
    assertThat(store.<Integer>read(tx -> tx.passkeys().countForAccount(OTHER_ACCOUNT)))
        .isZero();
  }

  @Test
  void recordUse_fromTheExpectedCount_setsTheNewCountAndLastUse() {
    Instant later = NOW.plusSeconds(60);

    assertThat(store.<Boolean>write(tx -> tx.passkeys().recordUse("cred-1", 5, 6, later)))
        .isTrue();

    assertThat(stored().signCount()).isEqualTo(6);
    assertThat(stored().lastUsedAt()).isEqualTo(later);
  }

  @Test
  void recordUse_whenTheCountMovedOnMeanwhile_changesNothing() {
    write(tx -> tx.passkeys().recordUse("cred-1", 5, 6, NOW));

    assertThat(store.<Boolean>write(tx -> tx.passkeys().recordUse("cred-1", 5, 6, NOW)))
        .isFalse();
    assertThat(stored().signCount()).isEqualTo(6);
  }

  @Test
  void recordUse_byConcurrentAssertionsOfOneCount_recordsExactlyOne() throws Exception {
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return store.<Boolean>writeUsage(tx -> tx.passkeys().recordUse("cred-1", 5, 6, NOW));
        }));
      }
      start.countDown();
      int recorded = 0;
      for (Future<Boolean> r : results) {
        recorded += r.get() ? 1 : 0;
      }

      assertThat(recorded).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void delete_removesOnlyThatSerial() {
    write(tx -> tx.passkeys().insert(passkey(ACCOUNT, "AIDA1", "cred-2", SERIAL + "2", 0)));

    write(tx -> tx.passkeys().delete(ACCOUNT, SERIAL.toLowerCase()));

    assertThat(store.<Optional<Passkey>>read(tx -> tx.passkeys().findByCredentialId("cred-1"))).isEmpty();
    assertThat(store.<Optional<Passkey>>read(tx -> tx.passkeys().findByCredentialId("cred-2"))).isPresent();
  }
}
