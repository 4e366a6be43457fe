package dev.portcullis.server.races;

/**
 * The quota races on three {@code portcullis serve} processes (started once for the
 * class) on one PostgreSQL server, the requests spread round robin over them.
 */
class PostgresQuotaRaceTest extends QuotaRaceContract {
  @Override
  RaceNodes open() throws Exception {
    return RaceNodes.postgresProcesses(3);
  }
}
