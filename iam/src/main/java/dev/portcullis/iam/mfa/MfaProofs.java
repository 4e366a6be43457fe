package dev.portcullis.iam.mfa;

import dev.portcullis.iam.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets one request prove MFA once and use the proof twice: AssumeRole's MFA code must count for
 * the trust policy (aws:MultiFactorAuthPresent), so the authorizer proves it before deciding,
 * and the operation then takes that proof instead of spending the one-use code again. A proof
 * belongs to one request (its {@link Caller}, which carries the request time) and is dropped
 * when taken or after a minute.
 */
public final class MfaProofs implements MfaCodeCheck {
  private static final long MAX_AGE_MILLIS = 60_000;
  private static final int SWEEP_AT = 1_000;
  private final MfaCodeCheck check;
  private final Clock clock;
  private final ConcurrentHashMap<Key, Instant> proved = new ConcurrentHashMap<>();

  private record Key(Caller caller, String serialNumber, String tokenCode) {}

  public MfaProofs(MfaCodeCheck check, Clock clock) {
    this.check = check;
    this.clock = clock;
  }

  /** Proves the code for the request of {@code caller}, keeping the proof for its operation. */
  public Instant prove(Caller caller, String serialNumber, String tokenCode) {
    Instant at = check.verify(caller, serialNumber, tokenCode);
    if (proved.size() >= SWEEP_AT) {
      Instant cutoff = clock.instant().minusMillis(MAX_AGE_MILLIS);
      proved.values().removeIf(t -> t.isBefore(cutoff));
    }
    proved.put(new Key(caller, serialNumber, tokenCode), at);
    return at;
  }

  /** The proof made for this request, or a fresh check of the code. */
  @Override
  public Instant verify(Caller caller, String serialNumber, String tokenCode) {
    Instant at = proved.remove(new Key(caller, serialNumber, tokenCode));
    return at != null ? at : check.verify(caller, serialNumber, tokenCode);
  }
}
