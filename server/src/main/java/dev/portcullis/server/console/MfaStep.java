package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.mfa.MfaCodeCheck;
import dev.portcullis.iam.mfa.passkeys.PasskeyOptions;
import dev.portcullis.iam.mfa.passkeys.PasskeyOwner;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused;
import dev.portcullis.iam.mfa.passkeys.Passkeys;
import dev.portcullis.iam.mfa.passkeys.RelyingParty;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.server.console.PasskeyChallenges.Ceremony;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The MFA step of a sign-in whose password was right: a TOTP code from one of the person's
 * virtual devices, checked by the same {@link MfaCodeCheck} as STS (codes single-use, at most
 * five wrong ones per device in five minutes, counted in the store), or a passkey: an
 * assertion over the single-use challenge this step keeps for the pending session ({@link
 * PasskeyChallenges}), verified by {@link Passkeys#authenticate}. The root user's devices of
 * both kinds are owned by the account id.
 */
final class MfaStep {
  static final String CODE_REFUSED = "The MFA code is not valid. Wait for a new code and try "
      + "again.";
  static final String PASSKEY_REFUSED = "The passkey was not accepted. ";
  private final IamContext ctx;
  private final MfaCodeCheck codes;
  private final SignInCredentials credentials;
  private final ConsoleSessions sessions;
  private final SignInPages pages;
  private final SignInEvents events;
  private final PasskeyChallenges challenges;

  MfaStep(IamContext ctx, MfaCodeCheck codes, SignInCredentials credentials,
      ConsoleSessions sessions, SignInPages pages, SignInEvents events,
      PasskeyChallenges challenges) {
    this.ctx = ctx;
    this.codes = codes;
    this.credentials = credentials;
    this.sessions = sessions;
    this.pages = pages;
    this.events = events;
    this.challenges = challenges;
  }

  /** A second factor proved: when, and with which device (its serial number). */
  private record Proved(Instant at, String serialNumber) {}

  RawResponse form(RawRequest request, SignInPath path, ConsoleSessions.Found session,
      String requestId, List<String> errors, int status) {
    Optional<SignInCredentials.Principal> principal = credentials.reload(session.record());
    Html h = new Html();
    if (!errors.isEmpty()) {
      Layout.error(h, "Sign-in failed", errors);
    }
    h.el("p", "Your password was right. Prove it is you with one of your MFA devices to "
        + "finish signing in.");
    Optional<RelyingParty> rp = ConsolePasskeys.relyingParty(request);
    boolean passkeys = principal.isPresent() && principal.get().passkeys() > 0;
    Optional<byte[]> challenge = passkeys && rp.isPresent()
        ? challenges.issue(session, Ceremony.SIGN_IN) : Optional.empty();
    if (challenge.isPresent()) {
      SignInCredentials.Principal p = principal.get();
      List<Passkey> allowed = ctx.store().read(tx -> tx.passkeys().listForOwner(p.accountId(),
          p.principalId()));
      String options = PasskeyOptions.request(rp.get(), allowed, challenge.get());
      h.open("section", "class", "card", "aria-labelledby", "passkey-title")
          .el("h2", "Passkey", "id", "passkey-title");
      h.el("button", "Use a passkey", "type", "button", "class", "primary",
          "id", "passkey-signin", "data-options", options, "data-url", path.base() + "/mfa",
          "data-csrf", session.csrf());
      h.el("p", "", "id", "passkey-status", "role", "status");
      h.close("section");
      h.open("script", "type", "module", "src", Assets.PREFIX + "console-passkeys.js")
          .close("script");
    } else if (passkeys && rp.isPresent()) {
      h.el("p", PasskeyChallenges.BUSY, "class", "explain", "role", "status");
    } else if (passkeys) {
      // An IP literal cannot be a passkey's site (WebAuthn's RP id is a host name).
      h.el("p", "Your passkeys work only where the console is opened by its host name "
          + "(such as localhost), not by an IP address.", "class", "explain");
    }
    if (principal.isEmpty() || !principal.get().mfaSerials().isEmpty()) {
      h.open("form", "method", "post", "action", path.base() + "/mfa", "class", "card",
          "id", "mfa-form");
      Layout.csrf(h, session.csrf());
      h.open("p", "class", "field").el("label", "MFA code", "for", "code")
          .empty("input", "id", "code", "name", "code", "type", "text", "inputmode", "numeric",
              "autocomplete", "one-time-code", "pattern", "[0-9]{6}", "maxlength", "6")
          .close("p");
      h.el("button", "Verify", "type", "submit", "class", "primary");
      h.close("form");
    }
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
    boolean passkey = ConsolePasskeys.isJson(request);
    Optional<Proved> proved;
    String refusal;
    if (passkey) {
      // Taken whatever follows: a challenge answers one assertion at most.
      Optional<byte[]> challenge = challenges.take(session, Ceremony.SIGN_IN);
      PasskeyResult r = passkey(request, p, challenge);
      proved = r.proved();
      refusal = r.refusal();
    } else {
      proved = totp(p, ConsoleHttp.form(request).getOrDefault("code", "").trim(), facts,
          request.secure());
      refusal = "Wrong MFA code";
    }
    if (proved.isEmpty()) {
      events.failed(facts, p.identity(), p.accountId(), true, path.base(), refusal);
      if (passkey) {
        return ConsoleHttp.json(401, "{\"message\":" + ConsoleHttp.jsonString(PASSKEY_REFUSED
            + "Try again.") + "}", facts.requestId());
      }
      return form(request, path, session, facts.requestId(), List.of(CODE_REFUSED), 401);
    }
    sessions.end(session.token());
    return pages.signedIn(request, path, facts, p.type(), p.principalId(), p.identity(),
        p.mustChangePassword(), proved.get().at(), proved.get().serialNumber());
  }

  private record PasskeyResult(Optional<Proved> proved, String refusal) {}

  private PasskeyResult passkey(RawRequest request, SignInCredentials.Principal p,
      Optional<byte[]> challenge) {
    Optional<ConsolePasskeys.Posted> posted = ConsolePasskeys.read(request);
    Optional<RelyingParty> rp = ConsolePasskeys.relyingParty(request);
    if (challenge.isEmpty()) {
      return new PasskeyResult(Optional.empty(), "Passkey: no challenge is pending");
    }
    if (posted.isEmpty() || rp.isEmpty()) {
      return new PasskeyResult(Optional.empty(), "Passkey: "
          + PasskeyRefused.Reason.MALFORMED.message());
    }
    PasskeyOwner owner = new PasskeyOwner(p.accountId(), p.principalId(), p.name(), p.name());
    Instant now = ctx.clock().instant();
    try {
      Passkey used = ctx.store().writeUsage(tx -> Passkeys.authenticate(tx, rp.get(),
          ConsolePasskeys.origin(request), challenge.get(), owner,
          posted.get().credentialJson(), now));
      return new PasskeyResult(Optional.of(new Proved(now, used.serialNumber())), null);
    } catch (PasskeyRefused e) {
      return new PasskeyResult(Optional.empty(), "Passkey: " + e.getMessage());
    } catch (AwsException e) {
      return new PasskeyResult(Optional.empty(), "Passkey: " + e.getMessage());
    }
  }

  private Optional<Proved> totp(SignInCredentials.Principal p, String code, RequestFacts facts,
      boolean secure) {
    Caller.Request request = new Caller.Request(facts.sourceIp(), secure, facts.time(),
        ConsoleCallers.REGION);
    Caller caller = p.type() == ConsoleSessionRecord.Principal.ROOT
        ? new Caller.Root(p.accountId(), null, Optional.empty(), request)
        : new Caller.ConsoleSession(p.accountId(), p.principalId(), p.name(), p.arn(),
            facts.time(), false, request);
    for (String serial : p.mfaSerials()) {
      try {
        return Optional.of(new Proved(codes.verify(caller, serial, code), serial));
      } catch (AwsException e) {
        // not this device's code
      }
    }
    return Optional.empty();
  }
}
