package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.ConsoleSessionRecord;
import java.time.Instant;
import java.util.Optional;

/** Console sessions by the SHA-256 of their token (the token itself is never stored). */
public interface ConsoleSessionStore {
  void insert(ConsoleSessionRecord session);

  Optional<ConsoleSessionRecord> find(String tokenHash);

  /** Records activity (the idle timeout counts from it). */
  void touch(String tokenHash, Instant at);

  /** Ends one session (sign-out, a step to the next stage, expiry). */
  void delete(String tokenHash);

  /** Ends every session of a principal (a password reset by an administrator). */
  void deleteFor(String accountId, String principalId);

  /** Removes sessions that ended before {@code now}; returns how many. */
  int deleteExpired(Instant now);
}
