package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.StsSession;
import java.time.Instant;
import java.util.Optional;

/** Temporary credentials issued by STS, found by their access key id. */
public interface SessionStore {
  void insert(StsSession session);

  /** Finds a session by its access key id (ASIA...), in any account, expired or not. */
  Optional<StsSession> find(String accessKeyId);

  /** Forgets sessions that expired before {@code cutoff}; returns how many. */
  int deleteExpiredBefore(Instant cutoff);
}
