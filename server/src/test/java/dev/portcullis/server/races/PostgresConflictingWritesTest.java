package dev.portcullis.server.races;

/**
 * Conflicting writes on three {@code portcullis serve} processes (started once for the
 * class) on one PostgreSQL server, the requests spread round robin over them.
 */
class PostgresConflictingWritesTest extends ConflictingWritesContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.postgresProcesses(3);
  }
}
