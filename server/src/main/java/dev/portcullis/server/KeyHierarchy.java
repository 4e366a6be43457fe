package dev.portcullis.server;

import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.store.InstallationStore.WrappedDataKey;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The installation's key hierarchy. Secrets at rest (secret access keys, TOTP seeds) are sealed
 * under one data key of 32 random bytes, stored in the database wrapped (AES-256-GCM, with
 * associated data naming its purpose and key id) by the {@link MasterKey} every node is given.
 * So every node on one database opens the same secrets, a node given another master key cannot
 * start, and changing the master key re-wraps 32 bytes rather than re-sealing every secret.
 */
public final class KeyHierarchy {
  static final int DATA_KEY_ID = 1;

  private KeyHierarchy() {}

  /** Thrown when the master key does not open the stored data key; its message is for users. */
  public static final class WrongMasterKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrongMasterKeyException(MasterKey key) {
      super("the master key (" + key.source() + ") does not open this database's data key "
          + "(wrong --master-key-file or " + MasterKey.ENVIRONMENT + "?); every node on one "
          + "database needs the same master key");
    }

    WrongMasterKeyException(String message) {
      super(message);
    }
  }

  /**
   * The cipher of the data key, which the first start stores. A database made before the key
   * hierarchy had its secrets sealed directly under the data directory's master key: that key
   * becomes its data key, wrapped under itself, so nothing is lost on upgrade.
   */
  public static SecretCipher open(Store store, MasterKey masterKey, Clock clock) {
    return open(store, masterKey, Optional::empty, clock);
  }

  /**
   * As {@link #open(Store, MasterKey, Clock)}, where {@code oldMasterKey} reads the data
   * directory's {@code master.key}, if it has one (read only when upgrading): on a database
   * made before the key hierarchy it becomes the data key even when the node is given another
   * master key, and a key that does not open the secrets already stored is refused before
   * anything is written.
   */
  public static SecretCipher open(Store store, MasterKey masterKey,
      Supplier<Optional<byte[]>> oldMasterKey, Clock clock) {
    Optional<WrappedDataKey> stored = store.read(tx -> tx.installation().dataKey());
    if (stored.isPresent()) {
      return new SecretCipher(unwrap(stored.get(), masterKey));
    }
    try {
      return new SecretCipher(store.write(tx -> createOrOpen(tx, masterKey, oldMasterKey,
          clock.instant())));
    } catch (AwsException e) {
      // A race lost even after the store's retries (see store/WriteConflict).
      if (!e.code().equals(ErrorCode.CONCURRENT_MODIFICATION)
          && !e.code().equals(ErrorCode.ENTITY_ALREADY_EXISTS)) {
        throw e;
      }
      // Another node stored the data key first (nodes started together): use that one.
      return new SecretCipher(unwrap(store.read(tx -> tx.installation().dataKey())
          .orElseThrow(() -> e), masterKey));
    }
  }

  private static byte[] createOrOpen(StoreTx tx, MasterKey masterKey,
      Supplier<Optional<byte[]>> oldMasterKey, Instant now) {
    Optional<WrappedDataKey> stored = tx.installation().dataKey();
    if (stored.isPresent()) {
      return unwrap(stored.get(), masterKey);
    }
    byte[] dataKey;
    Optional<Account> account = tx.accounts().primary();
    if (account.isPresent()) {
      // Secrets of the old layout are sealed under the master.key of the data directory that
      // made the database. Adopting any other key as the data key would lose them for good.
      dataKey = oldMasterKey.get().orElseGet(masterKey::bytes);
      if (!opensStoredSecrets(tx, account.get().accountId(), dataKey)) {
        throw new WrongMasterKeyException("this database was made before the key hierarchy and "
            + "its secrets are sealed under the master.key of the data directory that made it, "
            + "which this node does not have (" + masterKey.source() + "): start this version "
            + "once with that data directory (or copy its master.key into this one)");
      }
    } else {
      dataKey = new byte[32];
      new SecureRandom().nextBytes(dataKey);
    }
    tx.installation().insertDataKey(new WrappedDataKey(DATA_KEY_ID,
        wrap(dataKey, masterKey, DATA_KEY_ID), now, now));
    return dataKey;
  }

  /**
   * Re-wraps the data key under {@code next} in one transaction; the secrets sealed under the
   * data key stay as they are. Nodes still running keep working (they hold the data key);
   * each node must be started with {@code next} from now on.
   */
  public static void rewrap(Store store, MasterKey current, MasterKey next, Clock clock) {
    store.write(tx -> {
      WrappedDataKey stored = tx.installation().dataKey().orElseThrow(() ->
          new IllegalStateException("this database has no data key yet: start a node once "
              + "before changing its master key"));
      byte[] dataKey = unwrap(stored, current);
      if (!tx.installation().rewrapDataKey(stored.keyId(), stored.wrapped(),
          wrap(dataKey, next, stored.keyId()), clock.instant())) {
        throw new IllegalStateException("the data key changed during the rotation; run it again");
      }
      return null;
    });
  }

  /**
   * Whether {@code dataKey} opens a secret already sealed in the account (an access key's, else
   * a TOTP seed's); true when there is none to try.
   */
  private static boolean opensStoredSecrets(StoreTx tx, String accountId, byte[] dataKey) {
    SecretCipher cipher = new SecretCipher(dataKey);
    Optional<AccessKey> key = tx.users().list(accountId, "/").stream()
        .flatMap(u -> tx.accessKeys().listForUser(accountId, u.userId()).stream()).findFirst();
    if (key.isPresent()) {
      return opens(() -> cipher.decrypt(key.get().secretSealed(), key.get().accessKeyId()));
    }
    return tx.mfaDevices().list(accountId).stream().findFirst()
        .map(d -> opens(() -> cipher.decrypt(d.seedSealed(), d.serialNumber())))
        .orElse(true);
  }

  private static boolean opens(Runnable decryption) {
    try {
      decryption.run();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static String wrap(byte[] dataKey, MasterKey masterKey, int keyId) {
    return new SecretCipher(masterKey.bytes()).encrypt(
        Base64.getEncoder().encodeToString(dataKey), purpose(keyId));
  }

  private static byte[] unwrap(WrappedDataKey stored, MasterKey masterKey) {
    try {
      return Base64.getDecoder().decode(new SecretCipher(masterKey.bytes())
          .decrypt(stored.wrapped(), purpose(stored.keyId())).getBytes(StandardCharsets.UTF_8));
    } catch (IllegalStateException e) {
      throw new WrongMasterKeyException(masterKey);
    }
  }

  /** The associated data of a wrapped data key: what it is and which one. */
  private static String purpose(int keyId) {
    return "portcullis:data-key:" + keyId;
  }
}
