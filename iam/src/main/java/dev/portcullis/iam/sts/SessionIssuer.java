package dev.portcullis.iam.sts;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.store.StoreTx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues temporary credentials: an ASIA key id, a 40-character secret stored only sealed, and a
 * random session token stored only as its SHA-256. Now and then (at most hourly) it also forgets
 * sessions that expired more than a day ago, in the issuing transaction.
 */
public final class SessionIssuer {
  /** How long expired sessions are kept (GetAccessKeyInfo and audits can still name them). */
  static final Duration RETENTION = Duration.ofDays(1);
  private static final long SWEEP_EVERY_MILLIS = Duration.ofHours(1).toMillis();
  private final IamContext ctx;
  private final AtomicLong nextSweepAt = new AtomicLong();

  public SessionIssuer(IamContext ctx) {
    this.ctx = ctx;
  }

  /** Stores a new session for {@code grant} in {@code tx} and returns its credentials. */
  public IssuedCredentials issue(StoreTx tx, SessionGrant grant) {
    Instant now = ctx.clock().instant();
    sweepIfDue(tx, now);
    String keyId = ctx.ids().accessKeyId(true);
    String secret = ctx.ids().secretAccessKey();
    String token = ctx.ids().sessionToken();
    StsSession session = new StsSession(keyId, grant.accountId(), grant.type(),
        ctx.cipher().encrypt(secret, keyId), tokenHash(token), grant.entityId(),
        grant.entityArn(), grant.sessionName(), now, now.plus(grant.duration()),
        grant.mfaAuthenticatedAt(), grant.policy(), grant.policyArns(), grant.tags(),
        grant.transitiveTagKeys(), grant.sourceIdentity(), grant.chained());
    tx.sessions().insert(session);
    return new IssuedCredentials(session, secret, token);
  }

  /** The SHA-256 of a session token's text: what is stored and compared. */
  public static byte[] tokenHash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private void sweepIfDue(StoreTx tx, Instant now) {
    long due = nextSweepAt.get();
    if (now.toEpochMilli() >= due
        && nextSweepAt.compareAndSet(due, now.toEpochMilli() + SWEEP_EVERY_MILLIS)) {
      tx.sessions().deleteExpiredBefore(now.minus(RETENTION));
    }
  }
}
