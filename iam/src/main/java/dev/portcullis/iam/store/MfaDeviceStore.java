package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.MfaDevice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Virtual MFA devices and their assignment to users. Serial numbers match ignoring case. */
public interface MfaDeviceStore {
  void insert(MfaDevice device);

  Optional<MfaDevice> find(String accountId, String serialNumber);

  /** Every device of the account, ordered by serial number. */
  List<MfaDevice> list(String accountId);

  /** The devices enabled for a user, in the order they were enabled. */
  List<MfaDevice> listForUser(String accountId, String userId);

  /** Enables a device for a user, remembering the step of the last code it was enabled with. */
  void assign(String accountId, String serialNumber, String userId, Instant enabledAt,
      long lastUsedStep);

  /** Returns a device to the unassigned pool, forgetting its clock drift. */
  void unassign(String accountId, String serialNumber);

  /**
   * Records that the code of {@code step} was used and the device's drift, only if no code of
   * that step or a later one was used before: the check and the write are one statement, so
   * two concurrent requests cannot both spend one code.
   *
   * @param driftSteps the device's new drift, or null to leave it as it is (a code check must
   *     not write back a drift it read, which could undo a concurrent resync)
   * @return whether the use was recorded (false: the code was already spent)
   */
  boolean recordUse(String accountId, String serialNumber, long step, Integer driftSteps);

  /**
   * Counts one code check of the device enabled for {@code userId} against its limit of {@code
   * maxChecks} per window, a window starting with its first check and lasting until {@code
   * windowStart} has passed it: the check and the count are one statement, so concurrent
   * guesses on any number of nodes cannot all pass.
   *
   * @return whether the check may go ahead (false: the limit is reached, or the device is not
   *     enabled for {@code userId})
   */
  boolean reserveCodeCheck(String accountId, String serialNumber, String userId, Instant now,
      Instant windowStart, int maxChecks);

  /** Forgets the device's counted code checks, after a right code. */
  void clearCodeChecks(String accountId, String serialNumber);

  void delete(String accountId, String serialNumber);

  int count(String accountId);

  int countAssigned(String accountId);
}
