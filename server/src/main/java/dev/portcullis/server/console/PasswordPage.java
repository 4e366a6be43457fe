package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.ConsoleSessionRecord.Stage;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.util.List;
import java.util.Map;

/**
 * Changing one's own password, through IAM's ChangePassword as the signed-in person (so the
 * account's password policy, reuse prevention and the caller's permissions apply as in the
 * API): the forced change of a sign-in (PasswordResetRequired, an expired password) and the
 * self-service page. A refused password is shown with each rule it breaks.
 */
final class PasswordPage {
  private final ConsoleCalls calls;
  private final ConsoleSessions sessions;
  private final RootPasswordChange root;

  PasswordPage(ConsoleCalls calls, ConsoleSessions sessions, RootPasswordChange root) {
    this.calls = calls;
    this.sessions = sessions;
    this.root = root;
  }

  /** The form; {@code action} is where it posts, {@code who} null on the forced step. */
  RawResponse form(String action, String who, ConsoleSessions.Found session, String requestId,
      String title, String intro, List<String> errors, String explanation, int status) {
    Html h = new Html();
    if (!errors.isEmpty()) {
      Layout.error(h, explanation != null ? "Not allowed" : "Your new password was refused",
          errors);
    }
    if (explanation != null) {
      h.el("p", explanation, "class", "explain");
    }
    h.el("p", intro);
    h.open("form", "method", "post", "action", action, "class", "card");
    Layout.csrf(h, session.csrf());
    Layout.field(h, "oldPassword", "Current password", "password", "current-password", null);
    Layout.field(h, "newPassword", "New password", "password", "new-password", null);
    Layout.field(h, "confirmPassword", "Confirm new password", "password", "new-password",
        null);
    h.el("button", "Change password", "type", "submit", "class", "primary");
    h.close("form");
    return ConsoleHttp.page(status, Layout.page(title, who, session.csrf(), h), requestId,
        List.of());
  }

  /**
   * Changes the password; on success a forced step becomes a signed-in session (a new token),
   * and the self-service page says it is done.
   */
  RawResponse submit(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String action, String who, RequestFacts facts, String title, String intro) {
    String requestId = facts.requestId();
    Map<String, String> form = ConsoleHttp.form(request);
    String newPassword = form.getOrDefault("newPassword", "");
    if (!newPassword.equals(form.getOrDefault("confirmPassword", ""))) {
      return form(action, who, session, requestId, title, intro,
          List.of("The new password and its confirmation differ."), null, 400);
    }
    ConsoleCalls.Result result = caller instanceof Caller.Root r
        ? changeRoot(r, facts, form.getOrDefault("oldPassword", ""), newPassword)
        : calls.call(request, caller, "ChangePassword", Map.of(
            "OldPassword", form.getOrDefault("oldPassword", ""), "NewPassword", newPassword));
    if (result instanceof ConsoleCalls.Failed f) {
      String code = f.error().code().code();
      List<String> reasons = code.equals(ErrorCode.PASSWORD_POLICY_VIOLATION.code())
          ? PasswordReasons.of(f.error()) : List.of(f.message());
      return form(action, who, session, requestId, title, intro, reasons, f.explanation(),
          f.error().code().httpStatus());
    }
    if (session.record().stage() == Stage.PASSWORD_CHANGE) {
      ConsoleSessions.Found active = sessions.advance(session, Stage.ACTIVE,
          session.record().mfaAuthenticatedAt());
      return ConsoleHttp.redirect("/console/", requestId, List.of(ConsoleHttp.setCookie(request,
          ConsoleHttp.SESSION_COOKIE, active.token(), sessions.config().maxLifetime())));
    }
    Html h = new Html();
    h.el("p", "Your password was changed.", "role", "status", "class", "ok");
    h.link("/console/", "Back to the dashboard");
    return ConsoleHttp.page(200, Layout.page(title, who, session.csrf(), h), requestId,
        List.of());
  }

  private ConsoleCalls.Result changeRoot(Caller.Root caller, RequestFacts facts,
      String oldPassword, String newPassword) {
    try {
      root.change(caller, facts, oldPassword, newPassword);
      return new ConsoleCalls.Ok(Struct.empty());
    } catch (AwsException e) {
      return new ConsoleCalls.Failed(e, null);
    }
  }
}
