package dev.portcullis.iam;

import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.store.Store;
import java.time.Clock;

/**
 * What operation handlers share: the store, time, id generation, secret handling and whether
 * root may have access keys.
 */
public record IamContext(Store store, Clock clock, Ids ids, SecretCipher cipher,
    PasswordHasher passwords, RootAccessKeys rootAccessKeys) {

  /** A context in which root has no access keys (the default). */
  public IamContext(Store store, Clock clock, Ids ids, SecretCipher cipher,
      PasswordHasher passwords) {
    this(store, clock, ids, cipher, passwords, RootAccessKeys.DENIED);
  }
}
