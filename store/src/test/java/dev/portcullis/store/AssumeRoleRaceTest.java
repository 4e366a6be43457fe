package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationHandler;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.sts.AssumeRoleOperations;
import dev.portcullis.iam.mfa.MfaCodeCheck;
import dev.portcullis.iam.sts.SessionIssuer;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AssumeRole issues a session only for the role whose trust policy was checked: a role of the
 * same name created after the request began (the checked one deleted in between) is refused.
 */
class AssumeRoleRaceTest {
  private static final String ACCOUNT = "123456789012";
  private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/racy";
  private JdbcStore store;
  private OperationHandler assumeRole;

  @BeforeEach
  void open() {
    store = Databases.freshSqlite();
    IamContext ctx = new IamContext(store, Clock.systemUTC(), new Ids(),
        new SecretCipher(new byte[32]), null);
    OperationRegistry registry = new OperationRegistry();
    new AssumeRoleOperations(ctx, new SessionIssuer(ctx), MfaCodeCheck.NO_DEVICES)
        .registerInto(registry);
    assumeRole = registry.handler("AssumeRole").orElseThrow();
    store.write(tx -> {
      tx.accounts().create(new Account(ACCOUNT, Instant.now()));
      return null;
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void roleCreatedAfterTheRequestBegan_isRefused_andOneCreatedBefore_isAssumed() {
    Instant requestBegan = Instant.now();
    createRole(requestBegan.plusMillis(5));

    assertThatThrownBy(() -> assumeRole.handle(caller(requestBegan), input()))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code().code()).isEqualTo("AccessDenied"));
    assertThat(assumeRole.handle(caller(requestBegan.plusMillis(10)), input())
        .struct("AssumedRoleUser").string("Arn")).endsWith(":assumed-role/racy/s1");
  }

  private void createRole(Instant at) {
    store.write(tx -> {
      tx.roles().insert(new Role(ACCOUNT, "AROARACY", "racy", "/", at, "{}", null, 3600, null,
          null));
      return null;
    });
  }

  private static Caller caller(Instant requestTime) {
    return new Caller.IamUser(ACCOUNT, "AIDAU", "u", "arn:aws:iam::" + ACCOUNT + ":user/u",
        "AKIAU", java.util.Optional.empty(),
        new Caller.Request("127.0.0.1", false, requestTime, "us-east-1"));
  }

  private static Struct input() {
    return Struct.of("RoleArn", ROLE_ARN, "RoleSessionName", "s1");
  }
}
