package dev.portcullis.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.MutableClock;
import dev.portcullis.store.JdbcStore;
import dev.portcullis.store.Propagation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lockout's numbers, counted in a real (SQLite) store. */
class SignInThrottleTest {
  private static final String ACCOUNT = "123456789012";
  private final MutableClock clock = new MutableClock();
  @TempDir Path dir;
  private JdbcStore store;
  private SignInThrottle throttle;

  @BeforeEach
  void open() {
    store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null,
        Propagation.DEFAULT);
    throttle = new SignInThrottle(store, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void failures_ofOneUserFromManyAddresses_lockTheUserAfterThirtyForAtMostFifteenMinutes() {
    for (int i = 0; i < SignInThrottle.USER_FREE; i++) {
      throttle.failed(ACCOUNT, "user:bob", "192.0.2." + i);
    }
    assertThat(throttle.wait(ACCOUNT, "user:bob", "198.51.100.1")).isEmpty();
    throttle.failed(ACCOUNT, "user:bob", "192.0.2.200");
    assertWait(throttle.wait(ACCOUNT, "user:bob", "198.51.100.1"), Duration.ofMinutes(1));
    for (int i = 0; i < 40; i++) {
      throttle.failed(ACCOUNT, "user:bob", "203.0.113." + i);
    }
    assertWait(throttle.wait(ACCOUNT, "user:bob", "198.51.100.1"), SignInThrottle.MAX_WAIT);
  }

  @Test
  void failures_fromManyAddressesOfOneIpv6Slash64_countAsOneSource() {
    for (int i = 1; i <= SignInThrottle.PAIR_FREE; i++) {
      throttle.failed(ACCOUNT, "user:bob", "2001:db8:1:2:0:0:0:" + Integer.toHexString(i));
    }
    throttle.failed(ACCOUNT, "user:bob", "2001:db8:1:2:ffff:ffff:ffff:ffff");
    assertWait(throttle.wait(ACCOUNT, "user:bob", "2001:db8:1:2::abcd"), Duration.ofMinutes(1));
    assertThat(throttle.wait(ACCOUNT, "user:bob", "2001:db8:1:3::1")).isEmpty();
  }

  @Test
  void addressLock_ofSprayingBehindOneNat_doesNotKeepOutAUserWhoSignedInFromIt() {
    String nat = "198.51.100.99";
    throttle.succeeded(ACCOUNT, "user:bob", nat);
    for (int i = 0; i < SignInThrottle.ADDRESS_FREE + 20; i++) {
      throttle.failed(ACCOUNT, "user:sprayed" + i, nat);
    }
    assertThat(throttle.wait(ACCOUNT, "user:carol", nat)).isPresent();
    assertThat(throttle.wait(ACCOUNT, "user:bob", nat)).isEmpty();
  }

  @Test
  void userLock_doesNotKeepOutAnAddressThatSignedTheUserInBefore() {
    throttle.succeeded(ACCOUNT, "user:bob", "198.51.100.7");
    for (int i = 0; i < SignInThrottle.USER_FREE + 10; i++) {
      throttle.failed(ACCOUNT, "user:bob", "192.0.2." + i);
    }
    assertThat(throttle.wait(ACCOUNT, "user:bob", "198.51.100.8")).isPresent();
    assertThat(throttle.wait(ACCOUNT, "user:bob", "198.51.100.7")).isEmpty();
  }

  @Test
  void pairWaits_doubleFromOneMinuteAndStopAtFifteen() {
    for (int i = 0; i < SignInThrottle.PAIR_FREE + 1; i++) {
      throttle.failed(ACCOUNT, "user:eve", "192.0.2.1");
    }
    assertWait(throttle.wait(ACCOUNT, "user:eve", "192.0.2.1"), Duration.ofMinutes(1));
    throttle.failed(ACCOUNT, "user:eve", "192.0.2.1");
    assertWait(throttle.wait(ACCOUNT, "user:eve", "192.0.2.1"), Duration.ofMinutes(2));
    for (int i = 0; i < 10; i++) {
      throttle.failed(ACCOUNT, "user:eve", "192.0.2.1");
    }
    assertWait(throttle.wait(ACCOUNT, "user:eve", "192.0.2.1"), SignInThrottle.MAX_WAIT);
    assertThat(throttle.wait(ACCOUNT, "user:eve", "192.0.2.2")).isEmpty();
  }

  @Test
  void failures_olderThanTwelveHours_areForgotten() {
    for (int i = 0; i < SignInThrottle.PAIR_FREE; i++) {
      throttle.failed(ACCOUNT, "user:amy", "192.0.2.1");
    }
    clock.advance(SignInThrottle.FORGET_AFTER.plusMinutes(1));
    throttle.failed(ACCOUNT, "user:amy", "192.0.2.1");
    assertThat(throttle.wait(ACCOUNT, "user:amy", "192.0.2.1")).isEmpty();
  }

  @Test
  void oneAddress_sprayingManyUserNames_waitsAfterAHundredFailures() {
    for (int i = 0; i < SignInThrottle.ADDRESS_FREE; i++) {
      throttle.failed(ACCOUNT, "user:u" + i, "192.0.2.9");
    }
    assertThat(throttle.wait(ACCOUNT, "user:fresh", "192.0.2.9")).isEmpty();
    throttle.failed(ACCOUNT, "user:another", "192.0.2.9");
    assertThat(throttle.wait(ACCOUNT, "user:fresh", "192.0.2.9")).isPresent();
    assertThat(throttle.wait(ACCOUNT, "user:fresh", "192.0.2.10")).isEmpty();
  }

  /** A wait of {@code expected}, less the moments the test itself took. */
  private static void assertWait(java.util.Optional<Duration> wait, Duration expected) {
    assertThat(wait).isPresent();
    assertThat(wait.get()).isLessThanOrEqualTo(expected)
        .isGreaterThan(expected.minusSeconds(5));
  }
}
