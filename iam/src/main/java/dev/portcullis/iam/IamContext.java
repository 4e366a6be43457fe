package dev.portcullis.iam;

import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.store.Store;
import java.time.Clock;

/** What operation handlers share: the store, time, id generation and secret handling. */
public record IamContext(Store store, Clock clock, Ids ids, SecretCipher cipher,
    PasswordHasher passwords) {}
