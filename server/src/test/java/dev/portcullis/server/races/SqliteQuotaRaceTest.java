package dev.portcullis.server.races;

/** The quota races on one server on SQLite. */
class SqliteQuotaRaceTest extends QuotaRaceContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.sqlite();
  }
}
