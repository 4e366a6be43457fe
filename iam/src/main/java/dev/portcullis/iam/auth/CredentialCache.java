package dev.portcullis.iam.auth;

import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.Freshness;
import dev.portcullis.iam.store.Store;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps recently used signing credentials in memory so that authenticating a request does not
 * read the database. An entry is trusted only while the store's generation has not moved since
 * it was loaded (no write on this node, no change heard of from another) and for at most the
 * store's staleness bound (see {@link Freshness}).
 * STS sessions never change once issued, so they are kept without either bound; their expiry
 * is checked on every use.
 */
final class CredentialCache {
  private static final int MAX_ENTRIES = 10_000;
  private final Freshness freshness;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SessionEntry> sessions = new ConcurrentHashMap<>();

  /**
   * An active key, its owner (null for the root user's key) and the decrypted secret, as of a
   * store generation.
   */
  record Entry(AccessKey key, User user, String secret, Freshness.Stamp loaded) {
    /** Never prints the secret, should an entry ever reach a log. */
    @Override
    public String toString() {
      return "Entry[" + key.accessKeyId() + " of "
          + (user == null ? "root" : user.arn()) + "]";
    }
  }

  /** A session with its decrypted secret. */
  record SessionEntry(StsSession session, String secret) {
    /** Never prints the secret. */
    @Override
    public String toString() {
      return "SessionEntry[" + session + "]";
    }
  }

  CredentialCache(Store store, Clock clock) {
    this.freshness = new Freshness(store, clock);
  }

  Entry get(String accessKeyId) {
    Entry e = entries.get(accessKeyId);
    if (e == null || !freshness.fresh(e.loaded())) {
      return null;
    }
    return e;
  }

  /** The stamp for an entry: taken before loading, so a racing write wins. */
  Freshness.Stamp stampBeforeLoad() {
    return freshness.now();
  }

  /** Remembers freshly loaded credentials and returns them. */
  Entry put(AccessKey key, User user, String secret, Freshness.Stamp loaded) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    Entry e = new Entry(key, user, secret, loaded);
    entries.put(key.accessKeyId(), e);
    return e;
  }

  SessionEntry session(String accessKeyId) {
    return sessions.get(accessKeyId);
  }

  /** Remembers a session and returns it; forgets all once full (expired ones pile up). */
  SessionEntry put(StsSession session, String secret) {
    if (sessions.size() >= MAX_ENTRIES) {
      sessions.clear();
    }
    SessionEntry e = new SessionEntry(session, secret);
    sessions.put(session.accessKeyId(), e);
    return e;
  }
}
