package dev.portcullis.server;

import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.audit.StoredAuditTrail;
import dev.portcullis.iam.store.Store;
import dev.portcullis.protocol.model.ServiceModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's audit trail and its retention: the trail the request path records every call
 * to, and a background task that removes events older than the retention period.
 */
public final class AuditRecording implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRecording.class);
  /** How often old events are pruned; a day's retention is then kept to within this. */
  static final Duration PRUNE_INTERVAL = Duration.ofHours(1);
  private final Store store;
  private final AuditConfig config;
  private final Clock clock;
  private final AuditTrail trail;
  private final ScheduledExecutorService pruner;

  private AuditRecording(Store store, AuditConfig config, Clock clock, AuditTrail trail,
      ScheduledExecutorService pruner) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.trail = trail;
    this.pruner = pruner;
  }

  /** Starts recording to {@code store} as {@code config} says (nothing at all when off). */
  /** @param models the model of each service, by event source, for its records' redaction */
  public static AuditRecording start(Store store, Map<String, ServiceModel> models,
      AuditConfig config, Clock clock) {
    if (!config.enabled()) {
      LOG.warn("audit recording is off (--no-audit): no call is recorded; use this only to "
          + "measure what recording costs");
      return new AuditRecording(store, config, clock, AuditTrail.NONE, null);
    }
    CloudTrailRecords records = new CloudTrailRecords(models);
    ScheduledExecutorService pruner = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-retention");
      t.setDaemon(true);
      return t;
    });
    AuditRecording recording = new AuditRecording(store, config, clock,
        StoredAuditTrail.start(store, records), pruner);
    pruner.scheduleWithFixedDelay(recording::pruneQuietly, 0, PRUNE_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    return recording;
  }

  /** Where the request path sends the event of every call. */
  public AuditTrail trail() {
    return trail;
  }

  /** Removes the events older than the retention period; returns how many. */
  public int prune() {
    return store.writeUsage(tx -> tx.audit().deleteBefore(
        clock.instant().minus(config.retention())));
  }

  private void pruneQuietly() {
    try {
      int removed = prune();
      if (removed > 0) {
        LOG.info("audit retention: removed {} events older than {} days", removed,
            config.retention().toDays());
      }
    } catch (RuntimeException e) {
      LOG.warn("audit retention: could not remove old events: {}", e.getMessage());
    }
  }

  /** Stops pruning and writes every event still queued. */
  @Override
  public void close() {
    if (pruner != null) {
      pruner.shutdownNow();
    }
    if (trail instanceof StoredAuditTrail stored) {
      stored.close();
    }
  }
}
