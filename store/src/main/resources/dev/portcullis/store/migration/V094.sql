-- The audit trail in segments (issue 8, "Cost"): one row per appended batch instead of one row
-- and eight index entries per event. A segment's events blob holds its events in chain order,
-- each with every field of AuditEvent and its hash (AuditSegmentCodec); seq is first_seq plus
-- the position in the blob, the first event's predecessor hash is previous_hash. min_time and
-- max_time (epoch ms of eventTime) let time-bounded lookups skip segments. BYTEA is PostgreSQL's
-- binary type; SQLite stores the bound bytes as a BLOB whatever the declared type.
CREATE TABLE audit_segments (
  first_seq BIGINT PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  min_time BIGINT NOT NULL,
  max_time BIGINT NOT NULL,
  previous_hash TEXT NOT NULL,
  events BYTEA NOT NULL
);

-- The distinct values of the selective LookupEvents attributes in each segment (attribute: N
-- EventName, U Username, K AccessKeyId, T ResourceType, R ResourceName, I EventId): a lookup by
-- attribute walks its value's rows newest first and decodes only those segments.
CREATE TABLE audit_terms (
  attribute CHAR(1) NOT NULL,
  term TEXT NOT NULL,
  first_seq BIGINT NOT NULL,
  PRIMARY KEY (attribute, term, first_seq)
) {{WITHOUT_ROWID}};

-- Events of calls that changed something, inserted in the change's own transaction (one row,
-- its primary key only, no lock on the chain) and chained into a segment by the next batch.
CREATE TABLE audit_pending (
  id {{IDENTITY}},
  event BYTEA NOT NULL
);
