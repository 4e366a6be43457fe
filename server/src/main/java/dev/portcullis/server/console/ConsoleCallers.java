package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.iam.store.Store;
import java.util.Optional;

/**
 * The caller a console session acts as: an IAM user's {@link Caller.ConsoleSession} (with the
 * MFA of its sign-in, which policies see as aws:MultiFactorAuthPresent and
 * aws:MultiFactorAuthAge), or the root user without an access key.
 */
final class ConsoleCallers {
  /** The console is served as IAM's global endpoint is: us-east-1. */
  static final String REGION = "us-east-1";
  private final Store store;

  ConsoleCallers(Store store) {
    this.store = store;
  }

  /** The caller of {@code session} for one request; empty if its user no longer exists. */
  Optional<Caller> of(ConsoleSessionRecord session, RequestFacts facts, boolean secure) {
    Caller.Request request = new Caller.Request(facts.sourceIp(), secure, facts.time(), REGION);
    if (session.principalType() == ConsoleSessionRecord.Principal.ROOT) {
      return Optional.of(new Caller.Root(session.accountId(), null, Optional.empty(), request));
    }
    return store.read(tx -> tx.users().findById(session.accountId(), session.principalId()))
        .map(u -> new Caller.ConsoleSession(u.accountId(), u.userId(), u.name(), u.arn(),
            session.mfaAuthenticatedAt() != null ? session.mfaAuthenticatedAt()
                : session.createdAt(), session.mfaAuthenticatedAt() != null, request));
  }
}
