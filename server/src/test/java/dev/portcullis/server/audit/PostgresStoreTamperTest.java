package dev.portcullis.server.audit;

import java.nio.file.Path;

/** The store tamper cases of {@link StoreTamperTest} on PostgreSQL. */
class PostgresStoreTamperTest extends StoreTamperTest {
  @Override
  TrailFixture open(Path dir) {
    return TrailFixture.postgres();
  }
}
