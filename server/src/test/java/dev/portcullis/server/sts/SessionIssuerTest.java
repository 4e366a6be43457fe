package dev.portcullis.server.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.sts.IssuedCredentials;
import dev.portcullis.iam.sts.SessionGrant;
import dev.portcullis.iam.sts.SessionIssuer;
import dev.portcullis.server.testing.MutableClock;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionIssuerTest {
  static final String ACCOUNT = "123456789012";
  @TempDir Path dir;

  @Test
  void issue_storesTheSecretSealedAndOnlyTheTokensHash() {
    try (Store store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("a.db"), null, null)) {
      IamContext ctx = context(store, new MutableClock());
      IssuedCredentials issued = store.write(tx -> new SessionIssuer(ctx).issue(tx, grant()));

      StsSession stored = store.read(tx -> tx.sessions().find(issued.session().accessKeyId()))
          .orElseThrow();
      assertThat(stored.secretSealed()).doesNotContain(issued.secretAccessKey());
      assertThat(ctx.cipher().decrypt(stored.secretSealed(), stored.accessKeyId()))
          .isEqualTo(issued.secretAccessKey());
      assertThat(stored.tokenHash()).isEqualTo(SessionIssuer.tokenHash(issued.sessionToken()));
      assertThat(issued.toString()).doesNotContain(issued.secretAccessKey(),
          issued.sessionToken());
    }
  }

  @Test
  void issue_now_forgetsSessionsExpiredMoreThanADayAgo() {
    try (Store store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("b.db"), null, null)) {
      MutableClock clock = new MutableClock();
      IamContext ctx = context(store, clock);
      clock.shift(Duration.ofDays(-3));
      String old = store.write(tx -> new SessionIssuer(ctx).issue(tx, grant())).session()
          .accessKeyId();
      clock.shift(Duration.ofHours(-23));
      String recent = store.write(tx -> new SessionIssuer(ctx).issue(tx, grant())).session()
          .accessKeyId();
      clock.reset();

      store.write(tx -> new SessionIssuer(ctx).issue(tx, grant()));

      assertThat(store.<Optional<StsSession>>read(tx -> tx.sessions().find(old))).isEmpty();
      assertThat(store.<Optional<StsSession>>read(tx -> tx.sessions().find(recent))).isPresent();
    }
  }

  private static IamContext context(Store store, MutableClock clock) {
    store.write(tx -> {
      if (tx.accounts().find(ACCOUNT).isEmpty()) {
        tx.accounts().create(new Account(ACCOUNT, Instant.now()));
      }
      return null;
    });
    return new IamContext(store, clock, new Ids(), new SecretCipher(new byte[32]),
        new PasswordHasher());
  }

  private static SessionGrant grant() {
    return SessionGrant.plain(ACCOUNT, StsSession.Type.SESSION_TOKEN, "AIDAEXAMPLEEXAMPLE12",
        "arn:aws:iam::" + ACCOUNT + ":user/kim", null, Duration.ofMinutes(15), null);
  }
}
