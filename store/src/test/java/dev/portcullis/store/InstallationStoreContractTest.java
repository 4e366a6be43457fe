package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.store.InstallationStore.WrappedDataKey;
import dev.portcullis.iam.store.Store;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data key and the bootstrap claim: each exists once, whatever the database. */
abstract class InstallationStoreContractTest {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  Store store;

  abstract Store openStore();

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void insertDataKey_whenOneIsStored_failsWithEntityAlreadyExistsAndKeepsTheFirst() {
    WrappedDataKey first = new WrappedDataKey(1, "v1:first", NOW, NOW);
    store.write(tx -> {
      tx.installation().insertDataKey(first);
      return null;
    });
    // A unique key lost on every attempt is worded as IAM's EntityAlreadyExists (WriteConflict).
    assertThatThrownBy(() -> store.write(tx -> {
      tx.installation().insertDataKey(new WrappedDataKey(1, "v1:second", NOW, NOW));
      return null;
    })).isInstanceOfSatisfying(AwsException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.ENTITY_ALREADY_EXISTS));
    Optional<WrappedDataKey> stored = store.read(tx -> tx.installation().dataKey());
    assertThat(stored).contains(first);
  }

  @Test
  void rewrapDataKey_replacesOnlyTheExpectedWrapping() {
    store.write(tx -> {
      tx.installation().insertDataKey(new WrappedDataKey(1, "v1:old", NOW, NOW));
      return null;
    });
    Instant later = NOW.plusSeconds(60);
    boolean stale = store.write(tx -> tx.installation().rewrapDataKey(1, "v1:other", "v1:x",
        later));
    boolean current = store.write(tx -> tx.installation().rewrapDataKey(1, "v1:old", "v1:new",
        later));
    assertThat(stale).isFalse();
    assertThat(current).isTrue();
    Optional<WrappedDataKey> stored = store.read(tx -> tx.installation().dataKey());
    assertThat(stored).contains(new WrappedDataKey(1, "v1:new", NOW, later));
  }

  @Test
  void claimBootstrap_whenClaimed_failsForEveryLaterClaim() {
    store.write(tx -> {
      tx.installation().claimBootstrap("123456789012", NOW);
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      tx.installation().claimBootstrap("210987654321", NOW);
      return null;
    })).isInstanceOf(AwsException.class);
  }
}
