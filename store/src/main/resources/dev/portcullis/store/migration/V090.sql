-- The installation's key hierarchy and its one-time bootstrap, shared by every node on the
-- database. data_keys holds the data key that seals secrets at rest, wrapped (AES-256-GCM) by
-- the master key each node is given; it never holds the key in the clear. The bootstrap row
-- can exist once: when nodes start together on an empty database, only the one whose insert
-- wins creates the account and its administrator.
CREATE TABLE data_keys (
  key_id INTEGER PRIMARY KEY,
  wrapped TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  wrapped_at BIGINT NOT NULL
);

CREATE TABLE bootstrap (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  account_id TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
