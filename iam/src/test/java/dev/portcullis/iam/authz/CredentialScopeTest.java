package dev.portcullis.iam.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.crypto.SecretCipher;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.mfa.MfaProofs;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What temporary credentials may call whatever the policies say, root's included. */
class CredentialScopeTest {
  private static final String ACCOUNT = "123456789012";
  private static final Instant ISSUED = Instant.parse("2026-12-04T10:00:00Z");

  /** The scope is decided before any policy is read: a store that is never used. */
  private static final class UnusedStore implements Store {
    @Override
    public <T> T write(Function<StoreTx, T> work) {
      throw new AssertionError("no write expected");
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
      throw new AssertionError("no read expected");
    }

    @Override
    public long generation() {
      return 0;
    }

    @Override
    public void close() {}
  }

  private final PolicyAuthorizer authorizer = new PolicyAuthorizer(ActionCatalog.bundled(),
      new AuthorizationSnapshot(new UnusedStore(), Clock.systemUTC(),
          new PolicyLibrary(ManagedPolicyCatalog::bundled)),
      new AuthorizationMessages(new SecretCipher(new byte[32])),
      new MfaProofs((caller, serial, code) -> null, Clock.systemUTC()));

  private static Caller rootSession(Instant mfaAuthenticatedAt) {
    StsSession s = new StsSession("ASIAEXAMPLEEXAMPLE01", ACCOUNT,
        StsSession.Type.SESSION_TOKEN, "sealed", new byte[32], ACCOUNT,
        "arn:aws:iam::" + ACCOUNT + ":root", null, ISSUED, ISSUED.plusSeconds(3600),
        mfaAuthenticatedAt, null, List.of(), List.of(), List.of(), null, false);
    return new Caller.Root(ACCOUNT, s.accessKeyId(), Optional.of(s),
        new Caller.Request("192.0.2.1", true, ISSUED.plusSeconds(60), "us-east-1"));
  }

  @Test
  void authorize_rootSessionTokenWithoutMfa_cannotCallIam() {
    assertThatThrownBy(() -> authorizer.authorize(rootSession(null), "iam", "ListUsers",
        Struct.empty())).isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().code()).isEqualTo("AccessDenied");
          assertThat(e.getMessage()).contains("GetSessionToken without MFA");
        });
  }

  @Test
  void authorize_rootSessionTokenWithMfa_isAllowedEverything() {
    authorizer.authorize(rootSession(ISSUED), "iam", "ListUsers", Struct.empty());
    authorizer.authorize(rootSession(ISSUED), "sts", "GetCallerIdentity", Struct.empty());
  }
}
