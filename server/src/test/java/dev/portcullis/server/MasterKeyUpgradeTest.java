package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.ops.AccessKeyOperations;
import dev.portcullis.server.testing.CredentialsFile;
import dev.portcullis.store.JdbcStore;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** A data directory made before the key hierarchy keeps working after the upgrade. */
class MasterKeyUpgradeTest {
  @TempDir
  Path dir;

  @Test
  void start_whenDatabaseSealedSecretsDirectlyUnderMasterKey_oldAccessKeysStillWork()
      throws Exception {
    DataDirectory data = new DataDirectory(dir.resolve("data"));
    data.create();
    String accountId = "210987654321";
    AccessKeyOperations.Issued oldKey;
    try (JdbcStore store = JdbcStore.open("jdbc:sqlite:" + data.database(), null, null)) {
      // Rows as the code before the key hierarchy left them: the administrator's secret sealed
      // directly under master.key.
      IamContext old = new IamContext(store, Clock.systemUTC(), new Ids(),
          new SecretCipher(data.masterKey()), new PasswordHasher());
      oldKey = store.write(tx -> {
        Instant now = Instant.now();
        tx.accounts().create(new Account(accountId, now));
        User admin = new User(accountId, old.ids().entityId(Ids.IdPrefix.AIDA), "admin", "/",
            now, null, null);
        tx.users().insert(admin);
        Group admins = new Group(accountId, old.ids().entityId(Ids.IdPrefix.AGPA),
            "Administrators", "/", now);
        tx.groups().insert(admins);
        tx.groups().addMember(accountId, admins.groupId(), admin.userId());
        tx.attachments().attach(accountId, PrincipalKind.GROUP, admins.groupId(),
            "arn:aws:iam::aws:policy/AdministratorAccess", now);
        return AccessKeyOperations.issue(old, tx, admin);
      });
    }
    // ... and its schema: no data key table, no bootstrap claim.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.database());
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE data_keys");
      st.execute("DROP TABLE bootstrap");
      st.execute("DELETE FROM schema_version WHERE version = 90");
    }
    data.writeCredentials("portcullis", oldKey.key().accessKeyId(), oldKey.secret());

    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data.root(), 0))) {
      assertThat(server.accountId()).isEqualTo(accountId);
      assertThat(server.bootstrapped()).isFalse();
      AwsBasicCredentials admin = CredentialsFile.read(data.credentialsFile(), "portcullis");
      try (IamClient iam = IamClient.builder()
          .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
          .region(Region.AWS_GLOBAL).credentialsProvider(StaticCredentialsProvider.create(admin))
          .httpClient(UrlConnectionHttpClient.create()).build()) {
        assertThat(iam.getUser().user().userName()).isEqualTo("admin");
        // A key made after the upgrade is sealed under the same data key and works as well.
        var fresh = iam.createAccessKey(b -> b.userName("admin")).accessKey();
        assertThat(fresh.secretAccessKey()).hasSize(40);
      }
    }
  }
}
