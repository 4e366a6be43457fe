package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.iam.mfa.MfaCodeCheck;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MFA step of a sign-in whose password was right: a TOTP code from one of the person's
 * devices, checked by the same {@link MfaCodeCheck} as STS (codes single-use, at most five
 * wrong ones per device in five minutes, counted in the store). A passkey is the second kind of
 * proof ({@link Proof.Passkey}): the passkeys work plugs its WebAuthn assertion in here.
 */
final class MfaStep {
  private final MfaCodeCheck codes;
  private final SignInCredentials credentials;
  private final ConsoleSessions sessions;
  private final SignInPages pages;
  private final SignInEvents events;

  MfaStep(MfaCodeCheck codes, SignInCredentials credentials, ConsoleSessions sessions,
      SignInPages pages, SignInEvents events) {
    this.codes = codes;
    this.credentials = credentials;
    this.sessions = sessions;
    this.pages = pages;
    this.events = events;
  }

  /** A second factor as the form gives it. */
  sealed interface Proof {
    /** A six-digit code of a virtual MFA device. */
    record Totp(String code) implements Proof {}

    /**
     * A WebAuthn assertion (JSON from navigator.credentials.get). TODO(passkeys): verified by
     * the passkeys branch's ceremony; until it is merged no passkey is accepted.
     */
    record Passkey(String assertionJson) implements Proof {}

    static Proof of(Map<String, String> form) {
      String assertion = form.get("passkeyAssertion");
      return assertion != null && !assertion.isEmpty() ? new Passkey(assertion)
          : new Totp(form.getOrDefault("code", "").trim());
    }
  }

  RawResponse form(SignInPath path, ConsoleSessions.Found session, String requestId,
      List<String> errors, int status) {
    Html h = new Html();
    if (!errors.isEmpty()) {
      Layout.error(h, "Sign-in failed", errors);
    }
    h.el("p", "Your password was right. Enter a code from your MFA device to finish signing "
        + "in.");
    h.open("form", "method", "post", "action", path.base() + "/mfa", "class", "card",
        "id", "mfa-form");
    Layout.csrf(h, session.csrf());
    h.open("p", "class", "field").el("label", "MFA code", "for", "code")
        .empty("input", "id", "code", "name", "code", "type", "text", "inputmode", "numeric",
            "autocomplete", "one-time-code", "pattern", "[0-9]{6}", "maxlength", "6")
        .close("p");
    // The passkeys work adds its button and script (passkeys.js) here, filling this field.
    h.empty("input", "type", "hidden", "id", "passkeyAssertion", "name", "passkeyAssertion",
        "value", "");
    h.el("button", "Verify", "type", "submit", "class", "primary");
    h.close("form");
    return ConsoleHttp.page(status, Layout.page("Multi-factor authentication", null, null, h),
        requestId, List.of());
  }

  RawResponse submit(RawRequest request, SignInPath path, ConsoleSessions.Found session,
      RequestFacts facts) {
    Optional<SignInCredentials.Principal> principal = credentials.reload(session.record());
    if (principal.isEmpty()) {
      sessions.end(session.token());
      return ConsoleHttp.redirect(path.base(), facts.requestId(), List.of());
    }
    SignInCredentials.Principal p = principal.get();
    Optional<Instant> proved = prove(p, Proof.of(ConsoleHttp.form(request)), facts,
        request.secure());
    if (proved.isEmpty()) {
      events.failed(facts, p.identity(), p.accountId(), true, path.base(), "Wrong MFA code");
      return form(path, session, facts.requestId(), List.of("The MFA code is not valid. Wait "
          + "for a new code and try again."), 401);
    }
    sessions.end(session.token());
    return pages.signedIn(request, path, facts, p.type(), p.principalId(), p.identity(),
        p.mustChangePassword(), proved.get());
  }

  private Optional<Instant> prove(SignInCredentials.Principal p, Proof proof,
      RequestFacts facts, boolean secure) {
    if (!(proof instanceof Proof.Totp totp) || p.type() != ConsoleSessionRecord.Principal.IAM_USER) {
      // Passkeys and root's devices: TODO(passkeys, root) after their branches are merged.
      return Optional.empty();
    }
    Caller user = new Caller.ConsoleSession(p.accountId(), p.principalId(), p.name(), p.arn(),
        facts.time(), false, new Caller.Request(facts.sourceIp(), secure, facts.time(),
            ConsoleCallers.REGION));
    for (String serial : p.mfaSerials()) {
      try {
        return Optional.of(codes.verify(user, serial, totp.code()));
      } catch (AwsException e) {
        // not this device's code
      }
    }
    return Optional.empty();
  }
}
