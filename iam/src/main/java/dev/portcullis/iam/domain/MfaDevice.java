package dev.portcullis.iam.domain;

import java.time.Instant;

/**
 * A virtual MFA device. Its TOTP seed is kept only encrypted ({@code seedSealed}, bound to the
 * serial number); it is shown once, in the CreateVirtualMFADevice response.
 *
 * @param serialNumber the device ARN, {@code arn:aws:iam::ACCOUNT:mfa/PATH+NAME}
 * @param userId the user the device is enabled for, or null while unassigned
 * @param enabledAt when it was enabled, or null while unassigned
 * @param lastUsedStep the latest time step whose code was accepted (a code is never accepted
 *     twice), or null before the first
 * @param driftSteps how many steps the device's clock runs ahead (negative: behind), learnt by
 *     ResyncMFADevice
 */
public record MfaDevice(String accountId, String serialNumber, String name, String path,
    String seedSealed, Instant createdAt, String userId, Instant enabledAt, Long lastUsedStep,
    int driftSteps) {

  public boolean assigned() {
    return userId != null;
  }
}
