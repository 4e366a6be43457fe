package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.mfa.MfaDevices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
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
  private static final int MAX_TRACKED = 10_000;
  private final IamContext ctx;
  /** Attempts per caller and device (serial numbers compared regardless of case). */
  private final ConcurrentHashMap<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

  public DeviceMfaCheck(IamContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Instant verify(Caller caller, String serialNumber, String tokenCode) {
    if (!caller.actsAsIamUser() || serialNumber == null) {
      return NO_DEVICES.verify(caller, serialNumber, tokenCode);
    }
    String userId = caller.userId();
    Instant now = ctx.clock().instant();
    // Counted per caller, so another user's wrong guesses cannot lock a device's owner out.
    String key = caller.accountId() + " " + userId + " "
        + serialNumber.toLowerCase(Locale.ROOT);
    if (!reserveAttempt(key, now)) {
      return NO_DEVICES.verify(caller, serialNumber, tokenCode);
    }
    if (MfaDevices.verifyCode(ctx, caller.accountId(), userId, serialNumber, tokenCode)) {
      attempts.remove(key);
      return now;
    }
    return NO_DEVICES.verify(caller, serialNumber, tokenCode);
  }

  /**
   * Counts an attempt unless {@link #MAX_FAILURES} were made within the window: the check and
   * the count are one step, so a burst of concurrent guesses cannot all pass the check.
   */
  private boolean reserveAttempt(String key, Instant now) {
    Instant cutoff = now.minus(FAILURE_WINDOW);
    if (attempts.size() >= MAX_TRACKED) {
      for (String tracked : attempts.keySet()) {
        attempts.computeIfPresent(tracked, (k, times) -> {
          times.removeIf(at -> at.isBefore(cutoff));
          return times.isEmpty() ? null : times;
        });
      }
    }
    boolean[] allowed = {false};
    attempts.compute(key, (k, times) -> {
      Deque<Instant> recent = times == null ? new ArrayDeque<>() : times;
      recent.removeIf(at -> at.isBefore(cutoff));
      if (recent.size() < MAX_FAILURES) {
        recent.addLast(now);
        allowed[0] = true;
      }
      return recent;
    });
    return allowed[0];
  }
}
