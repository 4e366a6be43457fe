package dev.portcullis.server.races;

/** The uniqueness races on one server on SQLite. */
class SqliteUniquenessRaceTest extends UniquenessRaceContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.sqlite();
  }
}
