package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.mfa.MfaDevices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proves MFA with the caller's own enabled MFA device: the IAM user of long-term keys or of
 * GetSessionToken credentials. Role and federated sessions have no devices of their own. A
 * six-digit code could be guessed by brute force, so after {@link #MAX_FAILURES} wrong codes
 * for one device within {@link #FAILURE_WINDOW} every code is refused until the window passes.
 */
public final class DeviceMfaCheck implements MfaCodeCheck {
  static final int MAX_FAILURES = 5;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);
  private final IamContext ctx;
  private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public DeviceMfaCheck(IamContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Instant verify(Caller caller, String serialNumber, String tokenCode) {
    StsSession session = caller.session();
    String userId = session == null ? caller.userId()
        : session.type() == StsSession.Type.SESSION_TOKEN ? session.entityId() : null;
    Instant now = ctx.clock().instant();
    String device = caller.accountId() + " " + serialNumber;
    if (userId != null && !caller.root() && !lockedOut(device, now)
        && MfaDevices.verifyCode(ctx, caller.accountId(), userId, serialNumber, tokenCode)) {
      return now;
    }
    failures.compute(device, (d, times) -> {
      Deque<Instant> all = times == null ? new ArrayDeque<>() : times;
      all.addLast(now);
      return all;
    });
    return NO_DEVICES.verify(caller, serialNumber, tokenCode);
  }

  private boolean lockedOut(String device, Instant now) {
    Instant cutoff = now.minus(FAILURE_WINDOW);
    boolean[] locked = {false};
    failures.computeIfPresent(device, (d, times) -> {
      times.removeIf(at -> at.isBefore(cutoff));
      locked[0] = times.size() >= MAX_FAILURES;
      return times.isEmpty() ? null : times;
    });
    return locked[0];
  }
}
