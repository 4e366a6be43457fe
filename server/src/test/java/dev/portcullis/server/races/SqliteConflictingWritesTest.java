package dev.portcullis.server.races;

/** Conflicting writes on one server on SQLite. */
class SqliteConflictingWritesTest extends ConflictingWritesContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.sqlite();
  }
}
