package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.protocol.Struct;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The console's home: the account's sign-in URL, its entity counts (GetAccountSummary) and
 * its security status ({@link SecurityChecks}), all read as the signed-in person.
 */
final class DashboardPage {
  private static final List<String[]> COUNTS = List.of(new String[] {"Users", "Users"},
      new String[] {"Groups", "Groups"}, new String[] {"Roles", "Roles"},
      new String[] {"Policies", "Customer managed policies"},
      new String[] {"Providers", "Identity providers"});
  private final ConsoleCalls calls;
  private final SecurityChecks checks;

  DashboardPage(ConsoleCalls calls, SecurityChecks checks) {
    this.calls = calls;
    this.checks = checks;
  }

  RawResponse render(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId, Instant now) {
    Html h = new Html();
    ConsoleCalls.Result aliases = calls.call(request, caller, "ListAccountAliases", Map.of());
    String alias = aliases instanceof ConsoleCalls.Ok ok
        ? ok.value().<String>list("AccountAliases").stream().findFirst()
            .orElse(null) : null;
    String path = SignInPath.of(caller.accountId(), alias);
    String host = request.header("host");
    h.open("section", "aria-labelledby", "signin-url").el("h2", "Sign-in URL", "id",
        "signin-url");
    h.open("p").text("People of this account sign in at ")
        .el("code", (request.secure() ? "https://" : "http://") + (host == null ? "" : host)
            + path, "id", "signin-url-value").text(".").close("p");
    h.close("section");

    ConsoleCalls.Result summary = calls.call(request, caller, "GetAccountSummary", Map.of());
    Map<String, Integer> map = summary instanceof ConsoleCalls.Ok ok
        ? summaryMap(ok.value()) : null;
    h.open("section", "aria-labelledby", "counts").el("h2", "Resources", "id", "counts");
    if (map == null) {
      h.el("p", "You may not read the account summary: "
          + ((ConsoleCalls.Failed) summary).message());
    } else {
      h.open("dl", "class", "counts");
      for (String[] c : COUNTS) {
        h.open("div").el("dt", c[1]).el("dd", String.valueOf(map.getOrDefault(c[0], 0)))
            .close("div");
      }
      h.close("dl");
    }
    h.close("section");

    h.open("section", "aria-labelledby", "status").el("h2", "Security status", "id", "status");
    h.open("ul", "class", "checks");
    for (SecurityChecks.Check c : checks.run(request, caller, map, now)) {
      h.open("li", "class", switch (c.state()) {
        case OK -> "check ok";
        case ACTION -> "check bad";
        case UNKNOWN -> "check unknown";
      }).el("span", switch (c.state()) {
        case OK -> "OK";
        case ACTION -> "Action needed";
        case UNKNOWN -> "Not visible to you";
      }, "class", "badge")
          .el("strong", c.title()).el("p", c.finding());
      if (c.todo() != null) {
        h.open("p", "class", "todo").text(c.todo());
        if (c.link() != null) {
          h.text(" ").link(c.link(), "Go to " + c.link().substring("/console/".length()));
        }
        h.close("p");
      }
      h.close("li");
    }
    h.close("ul").close("section");
    return ConsoleHttp.page(200, Layout.page("Dashboard", who, session.csrf(), h), requestId,
        List.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> summaryMap(Struct output) {
    return (Map<String, Integer>) output.get("SummaryMap");
  }
}
