package dev.portcullis.server.sts;

import dev.portcullis.server.testing.ServerExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Users, keys and roles the STS tests start from. */
final class StsFixtures {
  static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::%s:root\"},\"Action\":"
      + "[\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"]}]}";

  private StsFixtures() {}

  /** A new user with an access key, as SDK credentials. */
  static AwsBasicCredentials userWithKey(ServerExtension server, String name) {
    IamClient iam = server.adminIam();
    iam.createUser(b -> b.userName(name));
    AccessKey key = iam.createAccessKey(b -> b.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  /**
   * A new role that trusts the account and whose sessions may assume roles in turn (with
   * session tags and a source identity); returns its ARN.
   */
  static String role(ServerExtension server, String path, String name) {
    IamClient iam = server.adminIam();
    String arn = iam.createRole(b -> b.roleName(name).path(path)
        .assumeRolePolicyDocument(String.format(TRUST_ACCOUNT, server.accountId())))
        .role().arn();
    iam.putRolePolicy(b -> b.roleName(name).policyName("chain").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "[\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"],"
        + "\"Resource\":\"*\"}]}"));
    return arn;
  }

  static AwsSessionCredentials asSdk(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }
}
