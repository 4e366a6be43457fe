package dev.portcullis.server.console;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.iam.domain.ConsoleSessionRecord.Stage;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in page of one account and its password step: throttling first (no hash is checked
 * while a wait runs), then the password ({@link SignInCredentials}), then the next step of the
 * sign-in under a new session token: the MFA code ({@link MfaStep}), a forced password change
 * ({@link PasswordChangeStep}), or the console.
 */
final class SignInPages {
  /** AWS's words for every failed sign-in, whatever the cause (no user enumeration). */
  static final String INCORRECT = "Your authentication information is incorrect. Please try "
      + "again.";
  static final String HARD_EXPIRED = "Your password has expired. Contact your administrator "
      + "to have it reset.";
  private final IamContext ctx;
  private final ConsoleSessions sessions;
  private final SignInCredentials credentials;
  private final SignInThrottle throttle;
  private final SignInEvents events;

  SignInPages(IamContext ctx, ConsoleSessions sessions, SignInCredentials credentials,
      SignInThrottle throttle, SignInEvents events) {
    this.ctx = ctx;
    this.sessions = sessions;
    this.credentials = credentials;
    this.throttle = throttle;
    this.events = events;
  }

  /** The sign-in form; a pre-sign-in cookie carries its CSRF token (double submit). */
  RawResponse form(RawRequest request, SignInPath path, String requestId, List<String> errors,
      int status) {
    String signIn = ConsoleHttp.cookie(request, ConsoleHttp.SIGNIN_COOKIE);
    List<RawResponse.Header> headers = List.of();
    if (signIn == null || signIn.length() != 43) {
      signIn = SessionTokens.newToken();
      headers = List.of(ConsoleHttp.setCookie(request, ConsoleHttp.SIGNIN_COOKIE, signIn,
          Duration.ofHours(1)));
    }
    Html h = new Html();
    h.el("p", "Account " + path.accountId() + (path.alias() == null ? ""
        : " (" + path.alias() + ")"), "class", "account");
    if (!errors.isEmpty()) {
      Layout.error(h, "Sign-in failed", errors);
    }
    h.open("form", "method", "post", "action", path.base(), "class", "card");
    Layout.csrf(h, SessionTokens.csrf(signIn));
    h.open("fieldset").el("legend", "Sign in as");
    h.open("p", "class", "choice")
        .empty("input", "type", "radio", "id", "kind-iam", "name", "kind", "value", "iam",
            "checked", "checked").el("label", "IAM user", "for", "kind-iam")
        .empty("input", "type", "radio", "id", "kind-root", "name", "kind", "value", "root")
        .el("label", "Root user (e-mail address)", "for", "kind-root")
        .close("p").close("fieldset");
    Layout.field(h, "username", "User name or root e-mail address", "text", "username", null);
    Layout.field(h, "password", "Password", "password", "current-password", null);
    h.el("button", "Sign in", "type", "submit", "class", "primary");
    h.close("form");
    return ConsoleHttp.page(status, Layout.page("Sign in", null, null, h), requestId, headers);
  }

  /** The password step. */
  RawResponse submit(RawRequest request, SignInPath path, RequestFacts facts) {
    Map<String, String> form = ConsoleHttp.form(request);
    String signIn = ConsoleHttp.cookie(request, ConsoleHttp.SIGNIN_COOKIE);
    if (!ConsoleHttp.sameOrigin(request) || signIn == null
        || !SessionTokens.same(SessionTokens.csrf(signIn), form.get(ConsoleHttp.CSRF_FIELD))) {
      return form(request, path, facts.requestId(), List.of("Your sign-in form expired. "
          + "Please try again."), 403);
    }
    boolean root = "root".equals(form.get("kind"));
    String name = form.getOrDefault("username", "").trim();
    String password = form.getOrDefault("password", "");
    if (name.isEmpty() || name.length() > 128 || password.isEmpty() || password.length() > 128) {
      return form(request, path, facts.requestId(), List.of(INCORRECT), 401);
    }
    String who = (root ? "root:" : "user:") + name;
    Optional<Duration> wait = throttle.wait(path.accountId(), who, facts.sourceIp());
    if (wait.isPresent()) {
      // Named as a user that does not exist would be: a wait says nothing of who exists.
      events.failed(facts, root ? rootIdentity(path) : hidden(path), path.accountId(), false,
          path.base(), "Throttled");
      long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
      return form(request, path, facts.requestId(), List.of("Too many failed sign-in "
          + "attempts. Wait " + minutes + " minute" + (minutes == 1 ? "" : "s")
          + " and try again."), 429);
    }
    SignInCredentials.Outcome outcome = root
        ? credentials.root(path.accountId(), name, password)
        : credentials.iamUser(path.accountId(), name, password);
    if (outcome instanceof SignInCredentials.Rejected r) {
      throttle.failed(path.accountId(), who, facts.sourceIp());
      events.failed(facts, r.identity(), path.accountId(), false, path.base(), r.reason());
      return form(request, path, facts.requestId(), List.of(INCORRECT), 401);
    }
    if (outcome instanceof SignInCredentials.HardExpired e) {
      events.failed(facts, e.principal().identity(), path.accountId(), false, path.base(),
          "Password expired (HardExpiry)");
      return form(request, path, facts.requestId(), List.of(HARD_EXPIRED), 403);
    }
    SignInCredentials.Principal p = ((SignInCredentials.Verified) outcome).principal();
    throttle.succeeded(path.accountId(), who, facts.sourceIp());
    if (p.needsMfa()) {
      ConsoleSessions.Found pending = sessions.start(p.accountId(), p.type(), p.principalId(),
          Stage.MFA, null);
      return next(request, path, pending, facts.requestId());
    }
    return signedIn(request, path, facts, p.type(), p.principalId(), p.identity(),
        p.mustChangePassword(), null, null);
  }

  /**
   * A sign-in whose proofs are all given ({@code mfaSerial}: the MFA device that proved it at
   * {@code mfaAt}, or null): the success is recorded, the password's last use
   * kept, and a new session started (at the forced change, or in the console).
   */
  RawResponse signedIn(RawRequest request, SignInPath path, RequestFacts facts,
      ConsoleSessionRecord.Principal type, String principalId,
      UserIdentity who, boolean mustChange, Instant mfaAt, String mfaSerial) {
    events.succeeded(facts, who, path.accountId(), mfaSerial, path.base());
    Instant now = ctx.clock().instant();
    try {
      ctx.store().writeUsage(tx -> {
        if (type == ConsoleSessionRecord.Principal.ROOT) {
          tx.rootUser().passwordUsed(path.accountId(), now);
        } else {
          tx.users().setPasswordLastUsed(path.accountId(), principalId, now);
        }
        return null;
      });
    } catch (UnsupportedOperationException e) {
      // The root user's store arrives with branch root; nothing to record until then.
    }
    ConsoleSessions.Found session = sessions.start(path.accountId(), type, principalId,
        mustChange ? Stage.PASSWORD_CHANGE : Stage.ACTIVE, mfaAt);
    return next(request, path, session, facts.requestId());
  }

  /** Sets the session's cookie (a new token) and goes to the page its stage needs. */
  RawResponse next(RawRequest request, SignInPath path, ConsoleSessions.Found session,
      String requestId) {
    Duration life = session.record().stage() == Stage.ACTIVE
        ? sessions.config().maxLifetime() : ConsoleSessions.PENDING_LIFETIME;
    String location = switch (session.record().stage()) {
      case MFA -> path.base() + "/mfa";
      case PASSWORD_CHANGE -> path.base() + "/password";
      case ACTIVE -> "/console/";
    };
    return ConsoleHttp.redirect(location, requestId, List.of(
        ConsoleHttp.setCookie(request, ConsoleHttp.SESSION_COOKIE, session.token(), life),
        ConsoleHttp.clearCookie(request, ConsoleHttp.SIGNIN_COOKIE)));
  }

  private static UserIdentity rootIdentity(SignInPath path) {
    return new UserIdentity("Root", path.accountId(),
        Arn.root(path.accountId()), path.accountId(), null, null,
        null, null, null);
  }

  private static UserIdentity hidden(SignInPath path) {
    return new UserIdentity("IAMUser", null, null, path.accountId(),
        null, SignInCredentials.HIDDEN, null, null, null);
  }
}
