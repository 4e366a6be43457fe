package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A database URL may carry the database password (PostgreSQL's {@code password} parameter):
 * the messages that name the URL, which a failed start prints, never show it.
 */
class DatabaseUrlMessagesTest {
  private static final String SECRET = "hunter2-not-for-logs";

  @Test
  void open_whenTheUrlIsUnsupported_namesItWithoutItsPassword() {
    assertThatThrownBy(() -> JdbcStore.open("jdbc:mysql://127.0.0.1/iam?user=portcullis&password="
        + SECRET + "&ssl=true", null, null))
        .hasMessageContaining("jdbc:mysql://127.0.0.1/iam?user=portcullis&password=***&ssl=true")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void open_whenTheSchemaCannotBeMigrated_namesTheUrlWithoutItsPassword() throws Exception {
    String url = Databases.freshPostgresUrl();
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
        Statement st = c.createStatement()) {
      // A table of that name that is not ours: migrating fails.
      st.execute("CREATE TABLE schema_version (something_else INTEGER)");
    }
    // The embedded server trusts local connections, so any password logs in.
    String withPassword = url + "&password=" + SECRET;
    assertThatThrownBy(() -> JdbcStore.open(withPassword, "postgres", null))
        .hasMessageContaining("cannot open or migrate the database at")
        .hasMessageNotContaining(SECRET);
  }
}
