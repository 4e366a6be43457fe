package dev.portcullis.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.StatusType;

class AccessKeyOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  private final IamClient iam = SERVER.adminIam();

  @Test
  void createAccessKey_returnsAnAkiaKeyThatSignsRequests() {
    iam.createUser(b -> b.userName("kim"));

    AccessKey key = iam.createAccessKey(b -> b.userName("kim")).accessKey();

    assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
    assertThat(key.secretAccessKey()).hasSize(40);
    assertThat(key.status()).isEqualTo(StatusType.ACTIVE);
    SERVER.allow("kim", "iam:GetUser");
    IamClient asKim = SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()));
    assertThat(asKim.getUser().user().userName()).isEqualTo("kim");
  }

  @Test
  void createAccessKey_beyondTwoPerUser_isLimitExceeded() {
    iam.createUser(b -> b.userName("lee"));
    iam.createAccessKey(b -> b.userName("lee"));
    iam.createAccessKey(b -> b.userName("lee"));

    assertThatThrownBy(() -> iam.createAccessKey(b -> b.userName("lee")))
        .isInstanceOfSatisfying(IamException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Cannot exceed quota for AccessKeysPerUser: 2");
        });
  }

  @Test
  void updateAccessKey_toInactive_stopsTheKeyFromSigning() {
    iam.createUser(b -> b.userName("max"));
    AccessKey key = iam.createAccessKey(b -> b.userName("max")).accessKey();
    IamClient asMax = SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(),
        key.secretAccessKey()));

    iam.updateAccessKey(b -> b.userName("max").accessKeyId(key.accessKeyId())
        .status(StatusType.INACTIVE));

    assertThat(iam.listAccessKeys(b -> b.userName("max")).accessKeyMetadata())
        .extracting(AccessKeyMetadata::status).containsExactly(StatusType.INACTIVE);
    assertThatThrownBy(asMax::getUser).isInstanceOfSatisfying(IamException.class, e ->
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
  }

  @Test
  void listAccessKeys_neverReturnsTheSecret() {
    iam.createUser(b -> b.userName("nia"));
    iam.createAccessKey(b -> b.userName("nia"));

    AccessKeyMetadata meta = iam.listAccessKeys(b -> b.userName("nia")).accessKeyMetadata()
        .get(0);

    assertThat(meta.toString()).doesNotContain("Secret");
  }

  @Test
  void getAccessKeyLastUsed_reflectsRealUse() {
    iam.createUser(b -> b.userName("oli"));
    AccessKey key = iam.createAccessKey(b -> b.userName("oli")).accessKey();
    assertThat(iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId()))
        .accessKeyLastUsed().serviceName()).isEqualTo("N/A");
    SERVER.allow("oli", "iam:GetUser");

    SERVER.iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())).getUser();

    var used = iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId()));
    assertThat(used.userName()).isEqualTo("oli");
    assertThat(used.accessKeyLastUsed().serviceName()).isEqualTo("iam");
    assertThat(used.accessKeyLastUsed().lastUsedDate()).isNotNull();
  }

  @Test
  void deleteAccessKey_ofAnotherUser_isNoSuchEntity() {
    iam.createUser(b -> b.userName("pat"));
    iam.createUser(b -> b.userName("quinn"));
    AccessKey key = iam.createAccessKey(b -> b.userName("pat")).accessKey();

    assertThatThrownBy(() -> iam.deleteAccessKey(b -> b.userName("quinn")
        .accessKeyId(key.accessKeyId()))).isInstanceOfSatisfying(IamException.class, e ->
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity"));
  }

  @Test
  void longTermKey_withASessionToken_isInvalidClientTokenId() {
    var admin = SERVER.adminCredentials();
    IamClient withToken = IamClient.builder().endpointOverride(SERVER.endpoint())
        .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
        .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsSessionCredentials
            .create(admin.accessKeyId(), admin.secretAccessKey(), "made-up-token"))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build();

    assertThatThrownBy(withToken::getUser).isInstanceOfSatisfying(IamException.class, e ->
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
  }
}
