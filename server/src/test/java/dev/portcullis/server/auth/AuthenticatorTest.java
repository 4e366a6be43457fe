package dev.portcullis.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.auth.Authenticator;
import dev.portcullis.iam.authz.AuthorizationSnapshot;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.credentials.AccessKeyOperations;
import dev.portcullis.iam.credentials.KeyUsage;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {
  @TempDir Path dir;

  /** A store whose generation moves on every look, as if other requests kept writing. */
  private static final class RacingStore implements Store {
    private final Store inner;
    private final AtomicLong generation = new AtomicLong();

    RacingStore(Store inner) {
      this.inner = inner;
    }

    @Override
    public <T> T write(Function<StoreTx, T> work) {
      return inner.write(work);
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
      return inner.read(work);
    }

    @Override
    public long generation() {
      return generation.incrementAndGet();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /** A store that counts the reads made through it. */
  private static final class CountingStore implements Store {
    private final Store inner;
    private final AtomicLong reads = new AtomicLong();

    CountingStore(Store inner) {
      this.inner = inner;
    }

    @Override
    public <T> T write(Function<StoreTx, T> work) {
      return inner.write(work);
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
      reads.incrementAndGet();
      return inner.read(work);
    }

    @Override
    public long generation() {
      return inner.generation();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void secretFor_whenWritesKeepInvalidatingTheCache_stillReturnsTheSecret() throws Exception {
    Store store = new RacingStore(JdbcStore.open("jdbc:sqlite:" + dir.resolve("t.db"), null,
        null));
    byte[] masterKey = new byte[32];
    IamContext ctx = new IamContext(store, Clock.systemUTC(), new Ids(),
        new SecretCipher(masterKey), new PasswordHasher());
    AccessKeyOperations.Issued issued = store.write(tx -> {
      tx.accounts().create(new Account("123456789012", Instant.now()));
      User u = new User("123456789012", "AIDAEXAMPLEEXAMPLE123", "racer", "/", Instant.now(),
          null, null);
      tx.users().insert(u);
      return AccessKeyOperations.issue(ctx, tx, u);
    });
    Authenticator auth = new Authenticator(ctx, new KeyUsage(store),
        new AuthorizationSnapshot(store, Clock.systemUTC(),
            new PolicyLibrary(ManagedPolicyCatalog::bundled)));

    for (int i = 0; i < 3; i++) {
      assertThat(auth.begin().secretFor(issued.key().accessKeyId(), null))
          .isEqualTo(issued.secret());
    }
    store.close();
    assertThat(Files.exists(dir.resolve("t.db"))).isTrue();
  }

  @Test
  void secretFor_aKeyIdLongerThanAnyKeyHas_isInvalidWithoutALookUp() throws Exception {
    CountingStore store = new CountingStore(JdbcStore.open("jdbc:sqlite:"
        + dir.resolve("t.db"), null, null));
    IamContext ctx = new IamContext(store, Clock.systemUTC(), new Ids(),
        new SecretCipher(new byte[32]), new PasswordHasher());
    Authenticator auth = new Authenticator(ctx, new KeyUsage(store),
        new AuthorizationSnapshot(store, Clock.systemUTC(),
            new PolicyLibrary(ManagedPolicyCatalog::bundled)));

    // Unsigned guesses of unknown temporary keys are remembered for a moment; ids as long as
    // a header allows would have made that memory tens of megabytes.
    for (String keyId : new String[] {"ASIA" + "A".repeat(8_000), "AKIA" + "A".repeat(8_000)}) {
      assertThatThrownBy(() -> auth.begin().secretFor(keyId, "token"))
          .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code().code())
              .isEqualTo("InvalidClientTokenId"));
      assertThatThrownBy(() -> auth.begin().secretFor(keyId, null))
          .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code().code())
              .isEqualTo("InvalidClientTokenId"));
    }
    assertThat(store.reads).hasValue(0);
    store.close();
  }
}
