package dev.portcullis.iam.mfa;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.store.StoreTx;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The TOTP checks of virtual MFA devices: which codes enable, resynchronise and authenticate
 * with a device, and the rule that no code is accepted twice. The seed is decrypted only here,
 * for the moment of the check.
 */
public final class MfaDevices {
  /** AWS's quota of MFA devices per user. */
  public static final int MAX_DEVICES_PER_USER = 8;
  /** Steps accepted either side of the server's current step (clock skew, typing time). */
  public static final int WINDOW_STEPS = 1;
  /** Steps ResyncMFADevice searches either side: a device clock up to 10 minutes off. */
  public static final int RESYNC_WINDOW_STEPS = 20;
  private static final int SEED_BYTES = 20;
  private static final Pattern CODE = Pattern.compile("[0-9]{6}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private MfaDevices() {}

  /** A new random 20-byte seed, as RFC 4226 recommends for HMAC-SHA1. */
  public static byte[] newSeed() {
    byte[] seed = new byte[SEED_BYTES];
    RANDOM.nextBytes(seed);
    return seed;
  }

  /** The sealed form of a seed as the store keeps it, bound to the device's serial number. */
  public static String seal(IamContext ctx, byte[] seed, String serialNumber) {
    return ctx.cipher().encrypt(Base32.encode(seed), serialNumber);
  }

  /**
   * Checks an STS {@code TokenCode}: true only when {@code serialNumber} is a device enabled for
   * the user {@code userId} of {@code accountId} and the code is its current one (one step
   * either side, after the device's learnt drift) and no code of that step or a later one was
   * accepted before. An accepted code is recorded as spent. Runs its own write transaction.
   */
  public static boolean verifyCode(IamContext ctx, String accountId, String userId,
      String serialNumber, String tokenCode) {
    return ctx.store().writeUsage(tx -> verifyCode(ctx, tx, accountId, userId, serialNumber,
        tokenCode));
  }

  /** As {@link #verifyCode(IamContext, String, String, String, String)}, in {@code tx}. */
  public static boolean verifyCode(IamContext ctx, StoreTx tx, String accountId, String userId,
      String serialNumber, String tokenCode) {
    if (serialNumber == null || tokenCode == null || !CODE.matcher(tokenCode).matches()) {
      return false;
    }
    Optional<MfaDevice> found = tx.mfaDevices().find(accountId, serialNumber)
        .filter(d -> userId != null && userId.equals(d.userId()));
    if (found.isEmpty()) {
      return false;
    }
    MfaDevice device = found.get();
    long expected = now(ctx) + device.driftSteps();
    OptionalLong step = Totp.findStep(seed(ctx, device), tokenCode, expected - WINDOW_STEPS,
        expected + WINDOW_STEPS);
    if (step.isEmpty() || !unspent(device, step.getAsLong())) {
      return false;
    }
    // The drift stays as ResyncMFADevice learnt it, so the window never wanders by itself.
    return tx.mfaDevices().recordUse(accountId, device.serialNumber(), step.getAsLong(), null);
  }

  /**
   * The step of the second of two consecutive codes that enable {@code device}: the first from
   * the current step or the one before, the second from the step after it; empty when the
   * codes do not fit.
   */
  public static OptionalLong enablingStep(IamContext ctx, MfaDevice device, String code1,
      String code2) {
    long now = now(ctx);
    return consecutive(ctx, device, code1, code2, now - WINDOW_STEPS, now + WINDOW_STEPS);
  }

  /**
   * The step of the second of two consecutive codes from a device whose clock may be up to
   * {@link #RESYNC_WINDOW_STEPS} steps off; empty when none fits.
   */
  public static OptionalLong resyncStep(IamContext ctx, MfaDevice device, String code1,
      String code2) {
    long now = now(ctx);
    return consecutive(ctx, device, code1, code2, now - RESYNC_WINDOW_STEPS,
        now + RESYNC_WINDOW_STEPS);
  }

  /** The drift of a device whose code of {@code step} was just seen. */
  public static int driftAt(IamContext ctx, long step) {
    return (int) (step - now(ctx));
  }

  private static OptionalLong consecutive(IamContext ctx, MfaDevice device, String code1,
      String code2, long from, long to) {
    OptionalLong first = Totp.findConsecutive(seed(ctx, device), code1, code2, from, to);
    if (first.isEmpty() || !unspent(device, first.getAsLong())) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(first.getAsLong() + 1);
  }

  private static boolean unspent(MfaDevice device, long step) {
    return device.lastUsedStep() == null || step > device.lastUsedStep();
  }

  private static long now(IamContext ctx) {
    return Totp.step(ctx.clock().instant());
  }

  private static byte[] seed(IamContext ctx, MfaDevice device) {
    return Base32.decode(ctx.cipher().decrypt(device.seedSealed(), device.serialNumber()));
  }
}
