package dev.portcullis.server.races;

/** Conflicting writes on two servers (two connection pools) on one PostgreSQL database. */
class PostgresConflictingWritesTest extends ConflictingWritesContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.postgres(2);
  }
}
