package dev.portcullis.server.audit;

import dev.portcullis.iam.audit.integrity.AuditSigningKeys;
import dev.portcullis.iam.audit.integrity.Digester;
import dev.portcullis.iam.audit.integrity.TrailLayout;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the audit trail's signed digest of each period on a node's background thread. Every
 * node runs it; the store lets one node make each period's digest. The signing key is made
 * (or opened) on the first tick, so that starting a server never waits on RSA key generation.
 */
public final class DigestSchedule implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DigestSchedule.class);
  private final Store store;
  private final SecretCipher cipher;
  private final String accountId;
  private final Clock clock;
  private final Duration interval;
  private Digester digester;
  private boolean failing;

  public DigestSchedule(Store store, SecretCipher cipher, String accountId, Clock clock,
      Duration interval) {
    this.store = store;
    this.cipher = cipher;
    this.accountId = accountId;
    this.clock = clock;
    this.interval = interval;
  }

  /**
   * Runs on {@code background} often enough that a digest follows its period's end within a
   * tenth of the interval (at most 30 seconds, at least every second).
   */
  public void start(ScheduledExecutorService background) {
    long tick = Math.max(1000, Math.min(interval.toMillis() / 10, 30_000));
    background.scheduleWithFixedDelay(this, tick, tick, TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    try {
      if (digester == null) {
        AuditSigningKeys.Opened key = AuditSigningKeys.ensure(store, cipher, accountId,
            clock.instant());
        digester = new Digester(accountId, TrailLayout.REGION, key.privateKey(),
            key.fingerprint(), interval);
      }
      // A digest records no change of the identity graph: cached views stay valid.
      store.writeUsage(tx -> digester.makeDue(tx.audit(), tx.auditDigests(), clock.instant()));
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) { // once per outage, not once per tick
        LOG.warn("could not make the audit digest: {}", e.getMessage());
      }
      failing = true;
    }
  }
}
