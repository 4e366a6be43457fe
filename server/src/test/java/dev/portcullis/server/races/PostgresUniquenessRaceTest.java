package dev.portcullis.server.races;

/**
 * The uniqueness races on three {@code portcullis serve} processes (started once for the
 * class) on one PostgreSQL server, the requests spread round robin over them.
 */
class PostgresUniquenessRaceTest extends UniquenessRaceContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.postgresProcesses(3);
  }
}
