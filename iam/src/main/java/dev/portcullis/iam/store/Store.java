package dev.portcullis.iam.store;

import java.time.Duration;
import java.util.function.Function;

/**
 * The durable store of the identity graph. Each call runs {@code work} in one transaction: a
 * write is committed before {@link #write} returns, and rolled back if {@code work} throws.
 */
public interface Store extends AutoCloseable {
  <T> T write(Function<StoreTx, T> work);

  <T> T read(Function<StoreTx, T> work);

  /**
   * A write that only records use: last-used times of keys and roles, spent MFA steps, issued
   * STS sessions. It cannot change what any principal may do, so it leaves {@link
   * #generation} alone and in-memory views stay valid.
   */
  default <T> T writeUsage(Function<StoreTx, T> work) {
    return write(work);
  }

  /**
   * A write like {@link #writeUsage} (it changes no principal's permissions, so in-memory views
   * stay valid) that is nonetheless the change its call makes, such as issuing temporary
   * credentials: the call's commit hook runs in it, so the call's audit event commits with it.
   */
  default <T> T writeIssuance(Function<StoreTx, T> work) {
    return writeUsage(work);
  }

  /**
   * Runs {@code call} on this thread with {@code hook} attached to each of its {@link #write}
   * and {@link #writeIssuance} transactions (not to {@link #writeUsage} or {@link #read}). One call at a time per thread.
   */
  default <T> T withCommitHook(CommitHook hook, java.util.function.Supplier<T> call) {
    throw new UnsupportedOperationException("this store runs no commit hooks");
  }

  /**
   * A counter that grows with every write this process commits and with every change of another
   * node it hears of (its {@link ChangeFeed}), so that in-memory views of the store can tell
   * they are stale (see {@link Freshness}).
   */
  long generation();

  /**
   * How long an in-memory view may be served without the generation moving: the bound on
   * acting on another node's change late, should news of it be lost.
   */
  default Duration maxStaleness() {
    return Duration.ofSeconds(1);
  }

  @Override
  void close();
}
