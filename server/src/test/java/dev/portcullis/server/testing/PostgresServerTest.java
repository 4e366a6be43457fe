package dev.portcullis.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The test fixture itself: a private cluster that serves, stops and serves again. */
class PostgresServerTest {

  @Test
  void stopAndStart_whenRestarted_keepsDataAndAcceptsConnectionsAgain() throws Exception {
    try (PostgresServer pg = PostgresServer.startNew()) {
      String url = pg.createDatabase();
      try (Connection c = pg.connect(url); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (v INTEGER)");
        st.execute("INSERT INTO t VALUES (42)");
      }
      pg.stop();
      assertThatThrownBy(() -> pg.connect(url).close()).isInstanceOf(SQLException.class);
      pg.start();
      try (Connection c = pg.connect(url); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT v FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }
}
