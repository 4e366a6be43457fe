package dev.portcullis.iam.credentials;

import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.store.Store;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records when access keys sign requests. Uses are kept in memory and written to the store in
 * batches ({@link #flush}), so that authenticating a request never waits on a disk write; reads
 * see pending uses at once.
 */
public final class KeyUsage {
  private final Store store;
  private final ConcurrentHashMap<String, AccessKey.LastUsed> pending = new ConcurrentHashMap<>();

  public KeyUsage(Store store) {
    this.store = store;
  }

  public void record(String accessKeyId, AccessKey.LastUsed use) {
    pending.put(accessKeyId, use);
  }

  /** The latest use of a key: pending if there is one, else what the store holds. */
  public AccessKey.LastUsed latest(AccessKey key) {
    AccessKey.LastUsed p = pending.get(key.accessKeyId());
    return p != null ? p : key.lastUsed();
  }

  public void forget(String accessKeyId) {
    pending.remove(accessKeyId);
  }

  /** Writes pending uses in one transaction; keys deleted meanwhile are skipped. */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, AccessKey.LastUsed> batch = new HashMap<>();
    for (String id : pending.keySet()) {
      AccessKey.LastUsed u = pending.remove(id);
      if (u != null) {
        batch.put(id, u);
      }
    }
    store.writeUsage(tx -> {
      batch.forEach((id, use) -> {
        if (tx.accessKeys().find(id).isPresent()) {
          tx.accessKeys().recordUse(id, use);
        }
      });
      return null;
    });
  }
}
