package dev.portcullis.iam.store;

import java.time.Instant;
import java.util.Optional;

/** What one installation (every node on one database) shares: its data key and bootstrap. */
public interface InstallationStore {
  /** The data key as stored: wrapped by the master key, never in the clear. */
  record WrappedDataKey(int keyId, String wrapped, Instant createdAt, Instant wrappedAt) {}

  Optional<WrappedDataKey> dataKey();

  /** Stores the first data key; fails (a unique-key violation) when another node stored one. */
  void insertDataKey(WrappedDataKey key);

  /** Replaces the wrapping of the data key {@code keyId}, if it is still {@code expected}. */
  boolean rewrapDataKey(int keyId, String expected, String wrapped, Instant at);

  /**
   * Claims the one bootstrap of this installation for {@code accountId}; fails (a unique-key
   * violation) when another node claimed it, even one whose transaction is still open.
   */
  void claimBootstrap(String accountId, Instant at);
}
