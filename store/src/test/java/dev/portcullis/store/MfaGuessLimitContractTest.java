package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.mfa.MfaDevices;
import dev.portcullis.iam.mfa.Totp;
import dev.portcullis.iam.sts.DeviceMfaCheck;
import dev.portcullis.protocol.AwsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The limit on wrong MFA codes holds for the device, wherever the guesses are made: nodes on one
 * database (here two DeviceMfaCheck instances on one store) share it, and so does a restarted
 * node. Run on SQLite and PostgreSQL.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class MfaGuessLimitContractTest {
  private static final String ACCOUNT = "123456789012";
  private static final String SERIAL = "arn:aws:iam::123456789012:mfa/phone";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_010);
  private final byte[] seed = MfaDevices.newSeed();
  private JdbcStore store;
  private SteppedClock clock;
  private IamContext ctx;

  abstract JdbcStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
    clock = new SteppedClock();
    ctx = new IamContext(store, clock, new Ids(), new SecretCipher(new byte[32]), null);
    store.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, NOW));
      tx.users().insert(new User(ACCOUNT, "AIDA1", "ann", "/", NOW, null, null));
      tx.users().insert(new User(ACCOUNT, "AIDA2", "bob", "/", NOW, null, null));
      tx.mfaDevices().insert(new MfaDevice(ACCOUNT, SERIAL, "phone", "/",
          MfaDevices.seal(ctx, seed, SERIAL), NOW, null, null, null, 0));
      tx.mfaDevices().assign(ACCOUNT, SERIAL, "AIDA1", NOW, Totp.step(NOW) - 5);
      return null;
    });
  }

  /** A clock the test moves forward. */
  private static final class SteppedClock extends Clock {
    private volatile Instant now = NOW;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Caller user(String userId, String name) {
    return new Caller.IamUser(ACCOUNT, userId, name, "arn:aws:iam::" + ACCOUNT + ":user/" + name,
        "AKIA" + userId, java.util.Optional.empty(),
        new Caller.Request("127.0.0.1", false, NOW, "us-east-1"));
  }

  private String wrongCode() {
    String right = Totp.code(seed, Totp.step(clock.instant()));
    for (int n = 0; ; n++) {
      String guess = String.format("%06d", n);
      boolean anyStep = false;
      for (long s = Totp.step(clock.instant()) - 1; s <= Totp.step(clock.instant()) + 1; s++) {
        anyStep |= guess.equals(Totp.code(seed, s));
      }
      if (!anyStep && !guess.equals(right)) {
        return guess;
      }
    }
  }

  private String rightCode() {
    return Totp.code(seed, Totp.step(clock.instant()));
  }

  private static boolean accepted(DeviceMfaCheck node, Caller caller, String code) {
    try {
      node.verify(caller, SERIAL, code);
      return true;
    } catch (AwsException e) {
      assertThat(e.getMessage()).contains("MultiFactorAuthentication failed");
      return false;
    }
  }

  @Test
  void verify_afterFiveWrongCodesOnOneNode_refusesTheRightCodeOnAnother() {
    DeviceMfaCheck nodeA = new DeviceMfaCheck(ctx);
    DeviceMfaCheck nodeB = new DeviceMfaCheck(ctx);
    Caller ann = user("AIDA1", "ann");
    for (int i = 0; i < 5; i++) {
      assertThat(accepted(nodeA, ann, wrongCode())).isFalse();
    }

    assertThat(accepted(nodeB, ann, rightCode())).isFalse();
    // A node started afresh knows no more than the database.
    assertThat(accepted(new DeviceMfaCheck(ctx), ann, rightCode())).isFalse();
  }

  @Test
  void verify_afterTheWindow_acceptsTheRightCodeAndForgetsTheFailures() {
    DeviceMfaCheck nodeA = new DeviceMfaCheck(ctx);
    DeviceMfaCheck nodeB = new DeviceMfaCheck(ctx);
    Caller ann = user("AIDA1", "ann");
    for (int i = 0; i < 5; i++) {
      accepted(nodeA, ann, wrongCode());
    }
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThat(accepted(nodeB, ann, rightCode())).isTrue();
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 4; i++) {
      assertThat(accepted(nodeA, ann, wrongCode())).isFalse();
    }
    assertThat(accepted(nodeB, ann, rightCode())).isTrue();
  }

  @Test
  void verify_ofAnotherUsersGuesses_doesNotLockTheOwnerOut() {
    DeviceMfaCheck node = new DeviceMfaCheck(ctx);
    for (int i = 0; i < 10; i++) {
      assertThat(accepted(node, user("AIDA2", "bob"), wrongCode())).isFalse();
    }

    assertThat(accepted(node, user("AIDA1", "ann"), rightCode())).isTrue();
  }

  @Test
  void verify_ofConcurrentWrongGuessesOnTwoNodes_locksTheDeviceEverywhere() throws Exception {
    DeviceMfaCheck nodeA = new DeviceMfaCheck(ctx);
    DeviceMfaCheck nodeB = new DeviceMfaCheck(ctx);
    Caller ann = user("AIDA1", "ann");
    String right = rightCode();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> guesses = new ArrayList<>();
      String wrong = wrongCode();
      for (int i = 0; i < 20; i++) {
        DeviceMfaCheck node = i % 2 == 0 ? nodeA : nodeB;
        guesses.add(pool.submit(() -> accepted(node, ann, wrong)));
      }
      for (Future<Boolean> g : guesses) {
        assertThat(g.get()).isFalse();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(accepted(new DeviceMfaCheck(ctx), ann, right)).isFalse();
  }
}
