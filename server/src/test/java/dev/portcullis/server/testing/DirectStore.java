package dev.portcullis.server.testing;

import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.server.DataDirectory;
import dev.portcullis.store.JdbcStore;
import java.time.Instant;

/**
 * Writes entities straight into a test server's database, for tests that need an entity kind
 * whose API operations are not served yet.
 */
public final class DirectStore {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
      + "\"Action\":\"sts:AssumeRole\"}]}";
  private static final Ids IDS = new Ids();

  private DirectStore() {}

  public static Group createGroup(ServerExtension server, String name, String path) {
    Group group = new Group(server.accountId(), IDS.entityId(Ids.IdPrefix.AGPA), name, path,
        Instant.now());
    try (JdbcStore store = open(server)) {
      store.write(tx -> {
        tx.groups().insert(group);
        return null;
      });
    }
    return group;
  }

  public static Role createRole(ServerExtension server, String name, String path) {
    Role role = new Role(server.accountId(), IDS.entityId(Ids.IdPrefix.AROA), name, path,
        Instant.now(), TRUST, null, Role.DEFAULT_MAX_SESSION_DURATION, null, null);
    try (JdbcStore store = open(server)) {
      store.write(tx -> {
        tx.roles().insert(role);
        return null;
      });
    }
    return role;
  }

  private static JdbcStore open(ServerExtension server) {
    return JdbcStore.open("jdbc:sqlite:" + new DataDirectory(server.dataDir()).database(), null,
        null);
  }
}
