package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.credentials.MfaDeviceOperations;
import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.mfa.passkeys.PasskeyOptions;
import dev.portcullis.iam.mfa.passkeys.PasskeyOwner;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused;
import dev.portcullis.iam.mfa.passkeys.Passkeys;
import dev.portcullis.iam.mfa.passkeys.RelyingParty;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.server.console.PasskeyChallenges.Ceremony;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "My security credentials": the signed-in person's own MFA devices, root included. A virtual
 * device is made and enabled with CreateVirtualMFADevice and EnableMFADevice through the
 * invoker (authorized and audited as API calls); its seed and QR code are shown once, in the
 * answer to the create. EnableMFADevice must name a user, so root's device is enabled by the
 * same quota rule under root's row lock, still through the invoker as root's EnableMFADevice. A passkey is registered over a single-use challenge
 * kept for the session; devices are removed with DeactivateMFADevice (and
 * DeleteVirtualMFADevice for a virtual one).
 */
final class SecurityCredentialsPage {
  static final String PATH = "/console/security";
  /** The name AWS's console gives the root user's virtual MFA device. */
  static final String ROOT_DEVICE_NAME = "root-account-mfa-device";
  private final IamContext ctx;
  private final ConsoleCalls calls;
  private final PasskeyChallenges challenges;

  SecurityCredentialsPage(IamContext ctx, ConsoleCalls calls, PasskeyChallenges challenges) {
    this.ctx = ctx;
    this.calls = calls;
    this.challenges = challenges;
  }

  /** What the page shows above its lists: a refusal, a confirmation, or a new device. */
  private record Notice(List<String> errors, String explanation, String done, Struct created) {
    static final Notice NONE = new Notice(List.of(), null, null, null);

    static Notice of(ConsoleCalls.Failed f) {
      return new Notice(List.of(f.message()), f.explanation(), null, null);
    }
  }

  RawResponse render(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId) {
    return page(request, caller, session, who, requestId, Notice.NONE, 200);
  }

  private RawResponse page(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId, Notice notice, int status) {
    Html h = new Html();
    if (!notice.errors().isEmpty()) {
      Layout.error(h, notice.explanation() != null ? "Access denied" : "Not done",
          notice.errors());
      if (notice.explanation() != null) {
        h.el("p", notice.explanation(), "class", "explain", "id", "denial-explanation");
      }
    }
    if (notice.done() != null) {
      h.el("p", notice.done(), "role", "status", "class", "ok");
    }
    if (notice.created() != null) {
      enableForm(h, session, notice.created());
    }
    devices(h, request, caller, session);
    addTotpForm(h, caller, session);
    passkeyForm(h, request, caller, session);
    return ConsoleHttp.page(status, Layout.page("My security credentials", who, session.csrf(),
        h), requestId, List.of());
  }

  private void devices(Html h, RawRequest request, Caller caller,
      ConsoleSessions.Found session) {
    h.open("section", "aria-labelledby", "mfa-list").el("h2", "My MFA devices", "id",
        "mfa-list");
    ConsoleCalls.Result r = calls.call(request, caller, "ListMFADevices", Map.of());
    if (r instanceof ConsoleCalls.Failed f) {
      h.el("p", "You may not list your MFA devices: " + f.message());
    } else {
      List<Struct> devices = ConsoleCalls.list(r.output(), "MFADevices");
      if (devices.isEmpty()) {
        h.el("p", "You have no MFA device.", "id", "no-mfa");
      } else {
        h.open("table", "id", "mfa-devices").open("thead").open("tr")
            .el("th", "Device", "scope", "col").el("th", "Kind", "scope", "col")
            .el("th", "Enabled", "scope", "col").el("th", "Action", "scope", "col")
            .close("tr").close("thead").open("tbody");
        for (Struct d : devices) {
          String serial = d.string("SerialNumber");
          h.open("tr").el("td", serial).el("td", serial.contains(":u2f/") ? "Passkey"
              : "Authenticator app").el("td", String.valueOf(d.get("EnableDate")));
          h.open("td").open("form", "method", "post", "action", PATH + "/remove");
          Layout.csrf(h, session.csrf());
          h.empty("input", "type", "hidden", "name", "serialNumber", "value", serial);
          h.el("button", "Remove", "type", "submit", "aria-label", "Remove " + serial);
          h.close("form").close("td").close("tr");
        }
        h.close("tbody").close("table");
      }
    }
    h.close("section");
  }

  private static void addTotpForm(Html h, Caller caller, ConsoleSessions.Found session) {
    h.open("section", "aria-labelledby", "add-totp").el("h2", "Add an authenticator app",
        "id", "add-totp");
    h.open("form", "method", "post", "action", PATH + "/totp", "class", "card");
    Layout.csrf(h, session.csrf());
    Layout.field(h, "deviceName", "Device name", "text", "off", caller instanceof Caller.Root
        ? ROOT_DEVICE_NAME : caller.iamUserName().orElse("mfa-device"));
    h.el("button", "Show QR code", "type", "submit", "class", "primary");
    h.close("form").close("section");
  }

  /** The new device's seed and QR code (shown this once) and the form that enables it. */
  private static void enableForm(Html h, ConsoleSessions.Found session, Struct created) {
    String serial = created.string("SerialNumber");
    String seed = new String((byte[]) created.get("Base32StringSeed"),
        StandardCharsets.US_ASCII);
    String png = Base64.getEncoder().encodeToString((byte[]) created.get("QRCodePNG"));
    h.open("section", "aria-labelledby", "enable-totp", "class", "card")
        .el("h2", "Set up your authenticator app", "id", "enable-totp");
    h.el("p", "Scan this QR code with your authenticator app, or type the secret key. This is "
        + "the only time they are shown.");
    h.empty("img", "src", Html.PNG_DATA + png, "alt", "QR code of the secret key", "id",
        "totp-qr", "width", "200", "height", "200");
    h.open("p").text("Secret key: ").el("code", seed, "id", "totp-seed").close("p");
    h.open("form", "method", "post", "action", PATH + "/totp/enable");
    Layout.csrf(h, session.csrf());
    h.empty("input", "type", "hidden", "name", "serialNumber", "value", serial);
    Layout.field(h, "code1", "First MFA code", "text", "one-time-code", null);
    Layout.field(h, "code2", "Second MFA code (the next one)", "text", "one-time-code", null);
    h.el("button", "Enable MFA device", "type", "submit", "class", "primary");
    h.close("form").close("section");
  }

  private void passkeyForm(Html h, RawRequest request, Caller caller,
      ConsoleSessions.Found session) {
    Optional<RelyingParty> rp = ConsolePasskeys.relyingParty(request);
    if (rp.isEmpty()) {
      return;
    }
    Optional<byte[]> challenge = challenges.issue(session, Ceremony.REGISTER);
    if (challenge.isEmpty()) {
      h.el("p", PasskeyChallenges.BUSY, "class", "explain", "role", "status");
      return;
    }
    PasskeyOwner owner = owner(caller);
    List<Passkey> existing = ctx.store().read(tx -> tx.passkeys().listForOwner(
        owner.accountId(), owner.ownerId()));
    String options = PasskeyOptions.creation(rp.get(), owner, existing, challenge.get());
    h.open("section", "aria-labelledby", "add-passkey", "class", "card")
        .el("h2", "Add a passkey", "id", "add-passkey");
    h.open("p", "class", "field").el("label", "Passkey name", "for", "passkey-name")
        .empty("input", "id", "passkey-name", "name", "passkey-name", "type", "text",
            "autocomplete", "off", "value", "passkey", "maxlength", "128")
        .close("p");
    h.el("button", "Add passkey", "type", "button", "class", "primary", "id",
        "passkey-register", "data-options", options, "data-url", PATH + "/passkey",
        "data-csrf", session.csrf(), "data-done", PATH);
    h.el("p", "", "id", "passkey-status", "role", "status");
    h.close("section");
    h.open("script", "type", "module", "src", Assets.PREFIX + "console-passkeys.js")
        .close("script");
  }

  /** CreateVirtualMFADevice: the answer page shows its seed and QR code once. */
  RawResponse createTotp(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId) {
    String name = ConsoleHttp.form(request).getOrDefault("deviceName", "").trim();
    ConsoleCalls.Result r = calls.call(request, caller, "CreateVirtualMFADevice",
        Map.of("VirtualMFADeviceName", name));
    if (r instanceof ConsoleCalls.Failed f) {
      return page(request, caller, session, who, requestId, Notice.of(f),
          f.error().code().httpStatus());
    }
    return page(request, caller, session, who, requestId, new Notice(List.of(), null, null,
        r.output().get("VirtualMFADevice") instanceof Struct s ? s : r.output()), 200);
  }

  /** EnableMFADevice for the caller (for root, the same rule under root's row lock). */
  RawResponse enableTotp(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId) {
    Map<String, String> form = ConsoleHttp.form(request);
    String serial = form.getOrDefault("serialNumber", "");
    String code1 = form.getOrDefault("code1", "").trim();
    String code2 = form.getOrDefault("code2", "").trim();
    ConsoleCalls.Result r;
    if (caller instanceof Caller.Root root) {
      r = calls.callWork(request, root, "EnableMFADevice", Struct.of("SerialNumber", serial,
          "AuthenticationCode1", code1, "AuthenticationCode2", code2), (c, in) ->
          ctx.store().write(tx -> {
            // Found in the write, root's row is locked: enables and passkey registrations
            // count root's devices one after another.
            tx.rootUser().find(root.accountId()).orElseThrow(() -> new AwsException(
                ErrorCode.NO_SUCH_ENTITY, "The root user cannot be found."));
            MfaDeviceOperations.assignWithinQuota(ctx, tx, root.accountId(),
                root.accountId(), serial, code1, code2);
            return Struct.empty();
          }));
    } else {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("UserName", caller.iamUserName().orElse(""));
      params.put("SerialNumber", serial);
      params.put("AuthenticationCode1", code1);
      params.put("AuthenticationCode2", code2);
      r = calls.call(request, caller, "EnableMFADevice", params);
    }
    if (r instanceof ConsoleCalls.Failed f) {
      return page(request, caller, session, who, requestId, Notice.of(f),
          f.error().code().httpStatus());
    }
    return page(request, caller, session, who, requestId, new Notice(List.of(), null,
        "The MFA device " + serial + " is enabled.", null), 200);
  }

  /** DeactivateMFADevice, then DeleteVirtualMFADevice for a virtual device. */
  RawResponse remove(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId) {
    String serial = ConsoleHttp.form(request).getOrDefault("serialNumber", "");
    Map<String, String> params = new LinkedHashMap<>();
    caller.iamUserName().ifPresent(n -> params.put("UserName", n));
    params.put("SerialNumber", serial);
    ConsoleCalls.Result r = calls.call(request, caller, "DeactivateMFADevice", params);
    if (r instanceof ConsoleCalls.Ok && !serial.contains(":u2f/")) {
      r = calls.call(request, caller, "DeleteVirtualMFADevice", Map.of("SerialNumber", serial));
    }
    if (r instanceof ConsoleCalls.Failed f) {
      return page(request, caller, session, who, requestId, Notice.of(f),
          f.error().code().httpStatus());
    }
    return page(request, caller, session, who, requestId, new Notice(List.of(), null,
        "The MFA device " + serial + " was removed.", null), 200);
  }

  /** passkeys.js's registration: JSON in, JSON out (the message to show, or the serial). */
  RawResponse registerPasskey(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String requestId) {
    // Taken whatever follows: a challenge answers one registration at most.
    Optional<byte[]> challenge = challenges.take(session, Ceremony.REGISTER);
    Optional<ConsolePasskeys.Posted> posted = ConsolePasskeys.read(request);
    Optional<RelyingParty> rp = ConsolePasskeys.relyingParty(request);
    if (challenge.isEmpty()) {
      return message(400, "The passkey request expired or was already answered. Reload the "
          + "page and try again.", requestId);
    }
    if (posted.isEmpty() || rp.isEmpty()) {
      return message(400, PasskeyRefused.Reason.MALFORMED.message(), requestId);
    }
    PasskeyOwner owner = owner(caller);
    Passkey[] registered = new Passkey[1];
    // AWS authorizes adding a passkey as iam:EnableMFADevice on the user ("Enable a passkey or
    // security key for your own IAM user": the self-managed MFA policy's EnableMFADevice), so a
    // policy that denies it refuses the passkey too, and the trail records the call.
    Struct input = caller instanceof Caller.Root ? Struct.empty()
        : Struct.of("UserName", caller.iamUserName().orElseThrow());
    ConsoleCalls.Result r = calls.callWork(request, caller, "EnableMFADevice", input,
        (c, in) -> {
          try {
            registered[0] = ctx.store().write(tx -> Passkeys.register(tx, rp.get(),
                ConsolePasskeys.origin(request), challenge.get(), owner,
                posted.get().credentialJson(), posted.get().field("name"),
                ctx.clock().instant()));
          } catch (PasskeyRefused e) {
            throw new AwsException(ErrorCode.INVALID_INPUT, e.getMessage());
          }
          return Struct.empty();
        });
    if (r instanceof ConsoleCalls.Failed f) {
      // LimitExceeded (8 MFA devices), AccessDenied with which policy type denied it, a
      // refused credential: AWS's words and status.
      return message(f.error().code().httpStatus(), f.explanation() == null ? f.message()
          : f.message() + " " + f.explanation(), requestId);
    }
    return ConsoleHttp.json(200, "{\"serialNumber\":" + ConsoleHttp.jsonString(
        registered[0].serialNumber()) + "}", requestId);
  }

  private PasskeyOwner owner(Caller caller) {
    if (caller instanceof Caller.Root) {
      String email = ctx.store().read(tx -> tx.rootUser().find(caller.accountId()))
          .map(r -> r.email()).orElse("root");
      return PasskeyOwner.root(caller.accountId(), email);
    }
    return PasskeyOwner.user(caller.accountId(), caller.userId(),
        caller.iamUserName().orElseThrow());
  }

  private static RawResponse message(int status, String message, String requestId) {
    return ConsoleHttp.json(status, "{\"message\":" + ConsoleHttp.jsonString(message) + "}",
        requestId);
  }
}
