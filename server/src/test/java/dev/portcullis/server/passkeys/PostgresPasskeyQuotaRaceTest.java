package dev.portcullis.server.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.mfa.passkeys.PasskeyOptions;
import dev.portcullis.iam.mfa.passkeys.PasskeyOwner;
import dev.portcullis.iam.mfa.passkeys.Passkeys;
import dev.portcullis.iam.mfa.passkeys.RelyingParty;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.server.testing.PostgresServer;
import dev.portcullis.store.JdbcStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Twenty passkey registrations for one user at once, on PostgreSQL (where writers do not
 * queue by themselves): the quota of 8 MFA devices holds, the rest are LimitExceeded.
 */
class PostgresPasskeyQuotaRaceTest {
  static final RelyingParty RP = RelyingParty.forHost("localhost");
  static final String ORIGIN = "https://localhost";
  static final int RACERS = 20;

  @Test
  void register_whenTwentyRaceForOneUser_leavesEightPasskeys() throws Exception {
    try (JdbcStore store = JdbcStore.open(PostgresServer.shared().createDatabase(),
        PostgresServer.USER, "")) {
      Instant now = Instant.now();
      store.write(tx -> {
        tx.accounts().create(new Account("123456789012", now));
        tx.users().insert(new User("123456789012", "AIDARACE0000000000001", "racer", "/", now,
            null, null));
        return null;
      });
      PasskeyOwner racer = PasskeyOwner.user("123456789012", "AIDARACE0000000000001", "racer");
      ExecutorService pool = Executors.newFixedThreadPool(RACERS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
          String name = "key" + i;
          byte[] challenge = PasskeyCeremoniesTest.challenge();
          String response = new SoftwareAuthenticator(ORIGIN).create(
              PasskeyOptions.creation(RP, racer, List.of(), challenge));
          outcomes.add(pool.submit(() -> {
            start.await();
            try {
              store.write(tx -> Passkeys.register(tx, RP, ORIGIN, challenge, racer, response,
                  name, Instant.now()));
              return "registered";
            } catch (AwsException e) {
              return e.code().code();
            }
          }));
        }
        start.countDown();
        List<String> answers = new ArrayList<>();
        for (Future<String> o : outcomes) {
          answers.add(o.get());
        }

        assertThat(answers).filteredOn("registered"::equals).hasSize(8);
        assertThat(answers).filteredOn(a -> !a.equals("registered"))
            .containsOnly("LimitExceeded");
        assertThat(store.<Integer>read(tx -> tx.passkeys()
            .countForOwner("123456789012", "AIDARACE0000000000001"))).isEqualTo(8);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
