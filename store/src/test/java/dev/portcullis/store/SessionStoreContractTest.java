package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.store.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store must do with STS sessions, whatever the database. */
abstract class SessionStoreContractTest {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  static final byte[] HASH = new byte[32];
  Store store;

  abstract Store openStore();

  @BeforeEach
  void open() {
    store = openStore();
    store.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, NOW));
      return null;
    });
    HASH[0] = 7;
    HASH[31] = (byte) 0xff;
  }

  @AfterEach
  void close() {
    store.close();
  }

  static StsSession roleSession(String keyId, Instant expiresAt) {
    return new StsSession(keyId, ACCOUNT, StsSession.Type.ASSUMED_ROLE, "v1:sealed", HASH,
        "AROAEXAMPLEEXAMPLE12", "arn:aws:iam::" + ACCOUNT + ":role/ops/deployer", "build-7",
        NOW, expiresAt, NOW.minusSeconds(60), "{\"Version\":\"2012-10-17\"}",
        List.of("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::" + ACCOUNT
            + ":policy/p"), List.of(new Tag("Team", "blue"), new Tag("cost", "")),
        List.of("Team"), "alice", true);
  }

  void insert(StsSession s) {
    store.write(tx -> {
      tx.sessions().insert(s);
      return null;
    });
  }

  @Test
  void sessions_roundTripEveryField() {
    StsSession s = roleSession("ASIAEXAMPLE000000001", NOW.plusSeconds(3600));
    insert(s);

    StsSession found = store.<Optional<StsSession>>read(tx ->
        tx.sessions().find("ASIAEXAMPLE000000001")).orElseThrow();

    assertThat(found).usingRecursiveComparison().isEqualTo(s);
    assertThat(found.tokenHash()).isEqualTo(HASH);
  }

  @Test
  void sessions_nullsAndEmptyListsRoundTrip() {
    StsSession s = new StsSession("ASIAEXAMPLE000000002", ACCOUNT, StsSession.Type.SESSION_TOKEN,
        "v1:x", HASH, "AIDAEXAMPLEEXAMPLE12", "arn:aws:iam::" + ACCOUNT + ":user/kim", null, NOW,
        NOW.plusSeconds(900), null, null, List.of(), List.of(), List.of(), null, false);
    insert(s);

    assertThat(store.<Optional<StsSession>>read(tx -> tx.sessions().find(s.accessKeyId())))
        .get().usingRecursiveComparison().isEqualTo(s);
    assertThat(store.<Optional<StsSession>>read(tx -> tx.sessions().find("ASIAUNKNOWN000000000")))
        .isEmpty();
  }

  @Test
  void sessions_deleteExpiredBefore_removesOnlyThoseExpiredBeforeTheCutoff() {
    insert(roleSession("ASIAOLD0000000000001", NOW.minusSeconds(7200)));
    insert(roleSession("ASIARECENT0000000001", NOW.minusSeconds(60)));
    insert(roleSession("ASIALIVE000000000001", NOW.plusSeconds(60)));

    int deleted = store.write(tx -> tx.sessions().deleteExpiredBefore(NOW.minusSeconds(3600)));

    assertThat(deleted).isEqualTo(1);
    assertThat(store.<Optional<StsSession>>read(tx -> tx.sessions().find("ASIAOLD0000000000001")))
        .isEmpty();
    assertThat(store.<Optional<StsSession>>read(tx -> tx.sessions().find("ASIARECENT0000000001")))
        .isPresent();
  }

  @Test
  void sessions_sameKeyIdTwice_isRejectedByTheDatabase() {
    insert(roleSession("ASIADUP0000000000001", NOW.plusSeconds(60)));

    assertThatThrownBy(() -> insert(roleSession("ASIADUP0000000000001", NOW.plusSeconds(60))))
        .isInstanceOf(RuntimeException.class);
  }
}
