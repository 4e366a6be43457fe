package dev.portcullis.iam.store;

import java.util.function.Function;

/**
 * The durable store of the identity graph. Each call runs {@code work} in one transaction: a
 * write is committed before {@link #write} returns, and rolled back if {@code work} throws.
 */
public interface Store extends AutoCloseable {
  <T> T write(Function<StoreTx, T> work);

  <T> T read(Function<StoreTx, T> work);

  @Override
  void close();
}
