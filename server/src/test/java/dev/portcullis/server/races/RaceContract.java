package dev.portcullis.server.races;

import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.Totp;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * What the race suites share: the nodes of one test class (started once), an administrator's
 * client, fixtures (a policy, a trust policy, TOTP codes) and rounds of races.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RaceContract {
  static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
  RaceNodes nodes;

  abstract RaceNodes open() throws Exception;

  @BeforeAll
  void start() throws Exception {
    nodes = open();
  }

  @AfterAll
  void stop() throws Exception {
    nodes.close();
  }

  IamClient admin() {
    return nodes.iam(0);
  }

  String userId(String name) {
    return admin().getUser(b -> b.userName(name)).user().userId();
  }

  String policyArn(String name) {
    return "arn:aws:iam::" + nodes.accountId() + ":policy/" + name;
  }

  static String trust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  /** One race of a test, on entities named with {@code suffix} (fresh in each round). */
  @FunctionalInterface
  interface Round {
    void run(String suffix) throws Exception;
  }

  /** Runs three rounds on PostgreSQL (one on SQLite). */
  void rounds(Round round) throws Exception {
    rounds(3, round);
  }

  /**
   * Runs {@code onPostgres} rounds on PostgreSQL, where one race may miss the window it aims
   * at (see {@link RaceNodes#rounds}).
   */
  void rounds(int onPostgres, Round round) throws Exception {
    for (int r = 0; r < nodes.rounds(onPostgres); r++) {
      round.run("-" + r);
    }
  }

  static byte[] seed(VirtualMFADevice device) {
    return Base32.decode(device.base32StringSeed().asUtf8String());
  }

  /** The current TOTP step, waiting first if it is about to end (codes stay valid meanwhile). */
  static long safeStep() throws InterruptedException {
    long second = Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
    if (second >= Totp.STEP_SECONDS - 5) {
      Thread.sleep((Totp.STEP_SECONDS - second + 1) * 1000);
    }
    return Totp.step(Instant.now());
  }
}
