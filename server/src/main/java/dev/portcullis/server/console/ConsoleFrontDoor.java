package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.authz.AuthorizationMessages;
import dev.portcullis.iam.invoke.Invoker;
import dev.portcullis.iam.sts.DeviceMfaCheck;
import dev.portcullis.iam.domain.ConsoleSessionRecord.Stage;
import dev.portcullis.server.http.FrontDoor;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import dev.portcullis.server.http.RequestFactsSource;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's front door, on the API's listener: {@code GET /} (without an API Action)
 * goes to the sign-in page, {@code /signin/ACCOUNT_OR_ALIAS} signs people in, {@code
 * /console/} serves the signed-in pages, {@code /assets/} the style sheet. Every page of
 * {@code /console/} needs a live, fully signed-in session; every POST needs the session's CSRF
 * token and a same-origin browser; every IAM operation runs through the invoker ({@link
 * ConsoleCalls}).
 */
public final class ConsoleFrontDoor implements FrontDoor {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleFrontDoor.class);
  private final IamContext ctx;
  private final RequestFactsSource facts;
  private final ConsoleSessions sessions;
  private final ConsoleCallers callers;
  private final SignInPages signIn;
  private final MfaStep mfa;
  private final PasswordPage password;
  private final DashboardPage dashboard;
  private final UsersPage users;
  private final EventsPage events;
  private final SecurityCredentialsPage security;

  private ConsoleFrontDoor(IamContext ctx, RequestFactsSource facts, ConsoleSessions sessions,
      ConsoleCalls calls, SignInPages signIn, MfaStep mfa, RootPasswordChange root,
      PasskeyChallenges challenges) {
    this.ctx = ctx;
    this.facts = facts;
    this.sessions = sessions;
    this.callers = new ConsoleCallers(ctx.store());
    this.signIn = signIn;
    this.mfa = mfa;
    this.password = new PasswordPage(calls, sessions, root);
    this.dashboard = new DashboardPage(calls, new SecurityChecks(calls, ctx.rootAccessKeys()));
    this.users = new UsersPage(calls);
    this.events = new EventsPage(calls);
    this.security = new SecurityCredentialsPage(ctx, calls, challenges);
  }

  /**
   * The console of one server: IAM and CloudTrail operations through {@code invoker} on the
   * endpoints {@code iam} and {@code cloudtrail}, sign-in events into {@code trail} (the invoker's), denials explained with
   * {@code messages}, sessions limited by {@code config}.
   */
  public static ConsoleFrontDoor create(IamContext ctx, RequestFactsSource facts,
      Invoker invoker, ServiceApi iam, ServiceApi cloudtrail, AuditTrail trail, AuthorizationMessages messages,
      ConsoleConfig config) {
    ConsoleSessions sessions = new ConsoleSessions(ctx.store(), ctx.clock(), config);
    ConsoleCalls calls = new ConsoleCalls(invoker, facts, iam, cloudtrail,
        new DenialExplanations(messages));
    SignInCredentials credentials = new SignInCredentials(ctx);
    SignInEvents events = new SignInEvents(trail);
    SignInPages signIn = new SignInPages(ctx, sessions, credentials,
        new SignInThrottle(ctx.store(), ctx.clock()), events);
    PasskeyChallenges challenges = new PasskeyChallenges(ctx.clock());
    MfaStep mfa = new MfaStep(ctx, new DeviceMfaCheck(ctx), credentials, sessions, signIn,
        events, challenges);
    return new ConsoleFrontDoor(ctx, facts, sessions, calls, signIn, mfa,
        new RootPasswordChange(ctx, events), challenges);
  }

  @Override
  public boolean serves(RawRequest request) {
    String path = request.rawPath();
    if (path.equals("/")) {
      // Only a browser's visit: an API request names an Action or carries a signature.
      return "GET".equals(request.method())
          && (request.rawQuery() == null || request.rawQuery().isEmpty())
          && request.header("authorization") == null && request.header("x-amz-target") == null;
    }
    return path.equals("/signin") || path.startsWith("/signin/") || path.equals("/console")
        || path.startsWith("/console/") || path.startsWith(Assets.PREFIX);
  }

  @Override
  public Answered answer(RawRequest request) {
    RequestFacts f = facts.of(request);
    RawResponse response;
    try {
      response = route(request, f);
    } catch (RuntimeException e) {
      LOG.error("console request {} failed", f.requestId(), e);
      response = ConsoleHttp.page(500, Layout.page("Something went wrong", null, null,
          new Html().el("p", "The request failed. Its id is " + f.requestId() + ".")),
          f.requestId(), List.of());
    }
    return new Answered(response, "console", request.method() + " " + request.rawPath(), "-");
  }

  private RawResponse route(RawRequest request, RequestFacts f) {
    String path = request.rawPath();
    String method = request.method();
    if (!method.equals("GET") && !method.equals("POST")) {
      return ConsoleHttp.page(405, Layout.page("Method not allowed", null, null, new Html()),
          f.requestId(), List.of());
    }
    if (path.startsWith(Assets.PREFIX)) {
      return Assets.serve(path, f.requestId());
    }
    if (path.startsWith("/console")) {
      return console(request, f, path);
    }
    if (path.equals("/") || path.equals("/signin") || path.equals("/signin/")) {
      String account = ctx.store().read(tx -> tx.accounts().primary()).orElseThrow()
          .accountId();
      return ConsoleHttp.redirect(SignInPath.PREFIX + account, f.requestId(), List.of());
    }
    String[] parts = path.substring(SignInPath.PREFIX.length()).split("/", -1);
    Optional<SignInPath> account = parts.length > 2 ? Optional.empty()
        : SignInPath.resolve(ctx.store(), parts[0]);
    if (account.isEmpty()) {
      return notFound(f, null, null);
    }
    String step = parts.length == 2 ? parts[1] : "";
    boolean post = method.equals("POST");
    if (step.isEmpty()) {
      return post ? signIn.submit(request, account.get(), f)
          : signIn.form(request, account.get(), f.requestId(), List.of(), 200);
    }
    Optional<ConsoleSessions.Found> session = sessions.find(request).filter(s ->
        s.record().accountId().equals(account.get().accountId()));
    Stage wanted = step.equals("mfa") ? Stage.MFA : step.equals("password")
        ? Stage.PASSWORD_CHANGE : null;
    if (wanted == null) {
      return notFound(f, null, null);
    }
    if (session.isEmpty() || session.get().record().stage() != wanted) {
      return ConsoleHttp.redirect(account.get().base(), f.requestId(), List.of());
    }
    ConsoleSessions.Found s = session.get();
    if (post && !csrfOk(request, s)) {
      return forbidden(f, null, null);
    }
    if (wanted == Stage.MFA) {
      return post ? mfa.submit(request, account.get(), s, f)
          : mfa.form(request, account.get(), s, f.requestId(), List.of(), 200);
    }
    String action = account.get().base() + "/password";
    String title = "Set a new password";
    String intro = "Your password must be changed before you continue.";
    if (!post) {
      return password.form(action, null, s, f.requestId(), title, intro, List.of(), null, 200);
    }
    Optional<Caller> caller = callers.of(s.record(), f, request.secure());
    if (caller.isEmpty()) {
      sessions.end(s.token());
      return ConsoleHttp.redirect(account.get().base(), f.requestId(), List.of());
    }
    return password.submit(request, caller.get(), s, action, null, f, title, intro);
  }

  private RawResponse console(RawRequest request, RequestFacts f, String path) {
    Optional<ConsoleSessions.Found> any = sessions.find(request);
    if (any.isPresent() && any.get().record().stage() != Stage.ACTIVE) {
      // A sign-in under way: back to the step it needs (its session stays).
      return ConsoleHttp.redirect(SignInPath.PREFIX + any.get().record().accountId()
          + (any.get().record().stage() == Stage.MFA ? "/mfa" : "/password"), f.requestId(),
          List.of());
    }
    Optional<ConsoleSessions.Found> found = any;
    Optional<Caller> caller = found.flatMap(s -> callers.of(s.record(), f, request.secure()));
    if (caller.isEmpty()) {
      return ConsoleHttp.redirect("/signin", f.requestId(), List.of(
          ConsoleHttp.clearCookie(request, ConsoleHttp.SESSION_COOKIE)));
    }
    ConsoleSessions.Found s = found.get();
    Caller c = caller.get();
    String who = c instanceof Caller.Root ? "root" : c.iamUserName().orElse("") + " @ "
        + c.accountId();
    boolean post = request.method().equals("POST");
    if (post && !csrfOk(request, s)) {
      return forbidden(f, who, s.csrf());
    }
    switch (path) {
      case "/console", "/console/" -> {
        return post ? notFound(f, who, s.csrf()) : dashboard.render(request, c, s, who, f.requestId(),
            f.time());
      }
      case "/console/users" -> {
        return post ? users.create(request, c, s, who, f.requestId())
            : users.render(request, c, s, who, f.requestId(), null, null);
      }
      case "/console/events" -> {
        return post ? notFound(f, who, s.csrf())
            : events.render(request, c, s, who, f.requestId());
      }
      case SecurityCredentialsPage.PATH -> {
        return post ? notFound(f, who, s.csrf())
            : security.render(request, c, s, who, f.requestId());
      }
      case SecurityCredentialsPage.PATH + "/totp" -> {
        return post ? security.createTotp(request, c, s, who, f.requestId())
            : notFound(f, who, s.csrf());
      }
      case SecurityCredentialsPage.PATH + "/totp/enable" -> {
        return post ? security.enableTotp(request, c, s, who, f.requestId())
            : notFound(f, who, s.csrf());
      }
      case SecurityCredentialsPage.PATH + "/remove" -> {
        return post ? security.remove(request, c, s, who, f.requestId())
            : notFound(f, who, s.csrf());
      }
      case SecurityCredentialsPage.PATH + "/passkey" -> {
        return post ? security.registerPasskey(request, c, s, f.requestId())
            : notFound(f, who, s.csrf());
      }
      case "/console/password" -> {
        String title = "Change my password";
        String intro = "Choose a new password that meets the account's password policy.";
        return post ? password.submit(request, c, s, path, who, f, title, intro)
            : password.form(path, who, s, f.requestId(), title, intro, List.of(), null, 200);
      }
      case "/console/signout" -> {
        if (!post) {
          return notFound(f, who, s.csrf());
        }
        sessions.end(s.token());
        return ConsoleHttp.redirect(SignInPath.PREFIX + s.record().accountId(), f.requestId(),
            List.of(ConsoleHttp.clearCookie(request, ConsoleHttp.SESSION_COOKIE)));
      }
      default -> {
        return notFound(f, who, s.csrf());
      }
    }
  }

  /**
   * A POST from this server's own page of this session: same origin and its CSRF token, in the
   * form, or for passkeys.js's JSON in its X-CSRF-Token header.
   */
  private static boolean csrfOk(RawRequest request, ConsoleSessions.Found session) {
    String presented = ConsolePasskeys.isJson(request)
        ? request.header(ConsolePasskeys.CSRF_HEADER)
        : ConsoleHttp.form(request).get(ConsoleHttp.CSRF_FIELD);
    return ConsoleHttp.sameOrigin(request) && SessionTokens.same(session.csrf(), presented);
  }

  private static RawResponse forbidden(RequestFacts f, String who, String csrf) {
    return ConsoleHttp.page(403, Layout.page("Request refused", who, csrf, new Html().el("p",
        "This form was not sent from this console or has expired. Reload the page and try "
        + "again.", "role", "alert")), f.requestId(), List.of());
  }

  private static RawResponse notFound(RequestFacts f, String who, String csrf) {
    return ConsoleHttp.page(404, Layout.page("Page not found", who, csrf, new Html().el("p",
        "There is no such page.")), f.requestId(), List.of());
  }
}
