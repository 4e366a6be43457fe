package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.AccessKey;
import java.util.List;
import java.util.Optional;

/** Users' long-term access keys. */
public interface AccessKeyStore {
  void insert(AccessKey key);

  /** Finds a key by its id, in any account (ids are globally unique). */
  Optional<AccessKey> find(String accessKeyId);

  List<AccessKey> listForUser(String accountId, String userId);

  void setStatus(String accessKeyId, AccessKey.Status status);

  void recordUse(String accessKeyId, AccessKey.LastUsed lastUsed);

  void delete(String accessKeyId);

  int count(String accountId);
}
