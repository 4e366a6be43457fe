package dev.portcullis.server.container;

import dev.portcullis.iam.sts.ServiceRoleSessions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session each container role currently hands out. The same credentials are served until
 * they come within 15 minutes, or a quarter of their lifetime if that is less, of expiring; then
 * a new session is started. Earlier sessions stay valid until their own expiry, as STS
 * credentials do. The role's trust is checked on every request, so a withdrawn trust stops the
 * vending at once.
 */
final class VendedSessions {
  /** What ECS tasks run as: the service principal a task role's trust policy names. */
  static final String SERVICE_PRINCIPAL = "ecs-tasks.amazonaws.com";
  static final Duration DURATION = Duration.ofHours(1);
  private static final Duration REFRESH_BEFORE = Duration.ofMinutes(15);
  private final String accountId;
  private final ServiceRoleSessions sessions;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  /** One role's current session; its lock keeps concurrent requests from each issuing one. */
  private static final class Slot {
    private ServiceRoleSessions.Issued current;
  }

  VendedSessions(String accountId, ServiceRoleSessions sessions, Clock clock) {
    this.accountId = accountId;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** The current session of {@code roleName}, or why there is none. */
  ServiceRoleSessions.Outcome credentials(String roleName) {
    Slot slot = slots.computeIfAbsent(roleName, k -> new Slot());
    synchronized (slot) {
      ServiceRoleSessions.Issued current = slot.current;
      if (current != null && fresh(current.credentials().session().issuedAt(),
          current.credentials().session().expiresAt(), clock.instant())) {
        Optional<ServiceRoleSessions.Outcome> refused = sessions.refusal(accountId, roleName,
            SERVICE_PRINCIPAL);
        // The cached session is handed out only while the role still exists and trusts ECS.
        if (refused.isEmpty()) {
          return current;
        }
        slot.current = null;
        return refused.get();
      }
      ServiceRoleSessions.Outcome outcome = sessions.assume(accountId, roleName,
          SERVICE_PRINCIPAL, sessionName(), DURATION);
      slot.current = outcome instanceof ServiceRoleSessions.Issued
          ? (ServiceRoleSessions.Issued) outcome : null;
      return outcome;
    }
  }

  /**
   * Whether a session issued at {@code issued} that expires at {@code expires} is still short
   * of its refresh time at {@code now}.
   */
  static boolean fresh(Instant issued, Instant expires, Instant now) {
    Duration quarter = Duration.between(issued, expires).dividedBy(4);
    Duration margin = quarter.compareTo(REFRESH_BEFORE) < 0 ? quarter : REFRESH_BEFORE;
    return now.isBefore(expires.minus(margin));
  }

  private String sessionName() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return "portcullis-container-" + HexFormat.of().formatHex(bytes);
  }
}
