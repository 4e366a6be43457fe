-- Tamper evidence of the audit trail. audit_signing_key holds each account's digest signing
-- keys: the RSA public key in the clear (base64 of DER, PKCS#1, as CloudTrail's ListPublicKeys
-- returns it) and the private key sealed (AES-256-GCM) under the data key, never in the clear.
-- audit_digest holds one signed digest per period: the primary key and the unique end time
-- make the nodes of a cluster agree on exactly one digest per period (the first insert wins).
-- document is the digest file's JSON exactly as signed; signature is hex SHA256withRSA.
CREATE TABLE audit_signing_key (
  account_id TEXT NOT NULL,
  key_number INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  public_key TEXT NOT NULL,
  private_key_sealed TEXT NOT NULL,
  valid_from BIGINT NOT NULL,
  PRIMARY KEY (account_id, key_number)
);

CREATE TABLE audit_digest (
  digest_number BIGINT PRIMARY KEY,
  account_id TEXT NOT NULL,
  start_time BIGINT NOT NULL,
  end_time BIGINT NOT NULL UNIQUE,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  last_event_hash TEXT NOT NULL,
  object_name TEXT NOT NULL,
  document TEXT NOT NULL,
  signature TEXT NOT NULL
);
