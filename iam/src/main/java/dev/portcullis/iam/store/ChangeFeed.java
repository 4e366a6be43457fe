package dev.portcullis.iam.store;

/**
 * News of changes other nodes commit to a shared database, as a counter: it moves each time
 * this node hears of such a change, or may have missed one (its connection to the feed was
 * lost), so that an in-memory view loaded before then is known to be stale.
 */
public interface ChangeFeed extends AutoCloseable {
  /** The feed of a store no other node writes to (SQLite): it never moves. */
  ChangeFeed NONE = new ChangeFeed() {
    @Override
    public long generation() {
      return 0;
    }

    @Override
    public void close() {}
  };

  /** Grows, never falls back, when another node's change is heard of or may have been missed. */
  long generation();

  @Override
  void close();
}
