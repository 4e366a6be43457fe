package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.crypto.PasswordHasher;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.credentials.AccessKeyOperations;
import dev.portcullis.server.testing.CredentialsFile;
import dev.portcullis.store.JdbcStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
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

  private static final String ACCOUNT = "210987654321";

  @Test
  void start_whenDatabaseSealedSecretsDirectlyUnderMasterKey_oldAccessKeysStillWork()
      throws Exception {
    DataDirectory data = oldInstallation();

    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data.root(), 0))) {
      assertThat(server.accountId()).isEqualTo(ACCOUNT);
      assertThat(server.bootstrapped()).isFalse();
      try (IamClient iam = admin(server, data)) {
        assertThat(iam.getUser().user().userName()).isEqualTo("admin");
        // A key made after the upgrade is sealed under the same data key and works as well.
        var fresh = iam.createAccessKey(b -> b.userName("admin")).accessKey();
        assertThat(fresh.secretAccessKey()).hasSize(40);
      }
    }
  }

  @Test
  void start_whenUpgradeIsGivenANewMasterKeyFile_oldAccessKeysStillWork() throws Exception {
    DataDirectory data = oldInstallation();
    Path keyFile = dir.resolve("new.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'Q'));
    ServerConfig config = ServerConfig.local(data.root(), 0)
        .withMasterKey(MasterKey.fromFile(keyFile));

    // The operator follows the several-nodes page at once: the old master.key stays the data
    // key, now wrapped by the new master key (before: the new key became the data key and no
    // old secret could be opened again).
    for (int start = 0; start < 2; start++) {
      try (PortcullisServer server = PortcullisServer.start(config);
          IamClient iam = admin(server, data)) {
        assertThat(iam.getUser().user().userName()).isEqualTo("admin");
      }
    }
  }

  @Test
  void start_whenUpgradeLacksTheMasterKeyTheSecretsAreSealedUnder_refusesAndStoresNoDataKey()
      throws Exception {
    DataDirectory data = oldInstallation();
    Path oldKey = data.root().resolve("master.key");
    Path kept = dir.resolve("old-master.key");
    Files.move(oldKey, kept);

    // A node whose data directory lacks the old master.key (a new node on the old database).
    assertThatThrownBy(() -> PortcullisServer.start(ServerConfig.local(data.root(), 0)))
        .isInstanceOf(KeyHierarchy.WrongMasterKeyException.class)
        .hasMessageContaining("made before the key hierarchy");
    assertThat(oldKey).doesNotExist();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.database());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM data_keys")) {
      assertThat(rs.getInt(1)).isZero();
    }

    Files.move(kept, oldKey);
    try (PortcullisServer server = PortcullisServer.start(ServerConfig.local(data.root(), 0));
        IamClient iam = admin(server, data)) {
      assertThat(iam.getUser().user().userName()).isEqualTo("admin");
    }
  }

  /**
   * A data directory as the code before the key hierarchy left it: the administrator's secret
   * sealed directly under master.key, no data key table, no bootstrap claim.
   */
  private DataDirectory oldInstallation() throws Exception {
    DataDirectory data = new DataDirectory(dir.resolve("data"));
    data.create();
    AccessKeyOperations.Issued oldKey;
    try (JdbcStore store = JdbcStore.open("jdbc:sqlite:" + data.database(), null, null)) {
      IamContext old = new IamContext(store, Clock.systemUTC(), new Ids(),
          new SecretCipher(data.masterKey()), new PasswordHasher());
      oldKey = store.write(tx -> {
        Instant now = Instant.now();
        tx.accounts().create(new Account(ACCOUNT, now));
        User admin = new User(ACCOUNT, old.ids().entityId(Ids.IdPrefix.AIDA), "admin", "/",
            now, null, null);
        tx.users().insert(admin);
        Group admins = new Group(ACCOUNT, old.ids().entityId(Ids.IdPrefix.AGPA),
            "Administrators", "/", now);
        tx.groups().insert(admins);
        tx.groups().addMember(ACCOUNT, admins.groupId(), admin.userId());
        tx.attachments().attach(ACCOUNT, PrincipalKind.GROUP, admins.groupId(),
            "arn:aws:iam::aws:policy/AdministratorAccess", now);
        return AccessKeyOperations.issue(old, tx, admin);
      });
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.database());
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE data_keys");
      st.execute("DROP TABLE bootstrap");
      st.execute("DELETE FROM schema_version WHERE version = 90");
    }
    data.writeCredentials("portcullis", oldKey.key().accessKeyId(), oldKey.secret());
    return data;
  }

  private static IamClient admin(PortcullisServer server, DataDirectory data) throws Exception {
    AwsBasicCredentials admin = CredentialsFile.read(data.credentialsFile(), "portcullis");
    return IamClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
        .region(Region.AWS_GLOBAL).credentialsProvider(StaticCredentialsProvider.create(admin))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
