package dev.portcullis.server.races;

/** The uniqueness races on three servers (three connection pools) on one PostgreSQL database. */
class PostgresUniquenessRaceTest extends UniquenessRaceContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.postgres(3);
  }
}
