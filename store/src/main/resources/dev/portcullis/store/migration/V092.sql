-- The audit trail: one hash chain of CloudTrail records (see AuditStore). seq numbers the chain
-- from 1 without gaps; each row's hash covers previous_hash and record (AuditChain.hash).
-- event_time is epoch milliseconds, like every other instant in this schema.
CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  event_time BIGINT NOT NULL,
  account_id TEXT,
  event_source TEXT NOT NULL,
  event_name TEXT NOT NULL,
  username TEXT,
  principal_arn TEXT,
  access_key_id TEXT,
  read_only BOOLEAN NOT NULL,
  error_code TEXT,
  source_ip TEXT,
  record TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

-- An index for each selective LookupEvents attribute, ending in seq: a lookup walks it newest
-- first and stops at the page size instead of scanning the table. The attributes with a few
-- values only (ReadOnly, EventSource) and a lookup without attribute walk the primary key
-- newest first instead, where every other event or so matches: an index of their own would
-- cost every append more than it saves a lookup.
CREATE INDEX audit_events_name ON audit_events (event_name, seq);
CREATE INDEX audit_events_username ON audit_events (username, seq);
CREATE INDEX audit_events_key ON audit_events (access_key_id, seq);
-- No index on event_time: StartTime/EndTime become a range of seq found along the primary key
-- (SQLite's planner prefers that walk anyway), retention walks it from the oldest event, and
-- the index cost every append about a seventh of its time.

-- The resources each event names, for the ResourceType and ResourceName attributes.
CREATE TABLE audit_event_resources (
  seq BIGINT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_name TEXT NOT NULL,
  PRIMARY KEY (seq, resource_type, resource_name)
);
CREATE INDEX audit_event_resources_type ON audit_event_resources (resource_type, seq);
CREATE INDEX audit_event_resources_name ON audit_event_resources (resource_name, seq);

-- The chain's one row: its head (the newest event, locked by every append) and its anchor (the
-- last event retention removed; 0 and the zero hash while nothing was removed).
CREATE TABLE audit_chain (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  head_seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  anchor_seq BIGINT NOT NULL,
  anchor_hash TEXT NOT NULL
);
INSERT INTO audit_chain (singleton, head_seq, head_hash, anchor_seq, anchor_hash) VALUES (1, 0,
  '0000000000000000000000000000000000000000000000000000000000000000', 0,
  '0000000000000000000000000000000000000000000000000000000000000000');
