package dev.portcullis.server.races;

/** The quota races on three servers (three connection pools) on one PostgreSQL database. */
class PostgresQuotaRaceTest extends QuotaRaceContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.postgres(3);
  }
}
