package dev.portcullis.server.console;

import dev.portcullis.iam.Caller;
import dev.portcullis.protocol.Struct;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The users of the account (ListUsers) and a form to create one (CreateUser), both as the
 * signed-in person: a denied call shows the AWS message and which policy type denied it.
 */
final class UsersPage {
  private final ConsoleCalls calls;

  UsersPage(ConsoleCalls calls) {
    this.calls = calls;
  }

  RawResponse render(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId, ConsoleCalls.Failed refused, String created) {
    Html h = new Html();
    if (refused != null) {
      Layout.error(h, refused.explanation() != null ? "Access denied" : "Not done",
          List.of(refused.message()));
      if (refused.explanation() != null) {
        h.el("p", refused.explanation(), "class", "explain", "id", "denial-explanation");
      }
    }
    if (created != null) {
      h.el("p", "User " + created + " was created.", "role", "status", "class", "ok");
    }
    ConsoleCalls.Result users = calls.call(request, caller, "ListUsers", Map.of());
    h.open("section", "aria-labelledby", "list").el("h2", "Users", "id", "list");
    if (users instanceof ConsoleCalls.Failed f) {
      h.el("p", "You may not list users: " + f.message());
      if (f.explanation() != null) {
        h.el("p", f.explanation(), "class", "explain");
      }
    } else {
      h.open("table").open("thead").open("tr").el("th", "User name", "scope", "col")
          .el("th", "Path", "scope", "col").el("th", "Created", "scope", "col")
          .el("th", "Password last used", "scope", "col").close("tr").close("thead")
          .open("tbody");
      for (Struct u : ConsoleCalls.list(users.output(), "Users")) {
        h.open("tr").el("td", u.string("UserName")).el("td", u.string("Path"))
            .el("td", String.valueOf(u.get("CreateDate")))
            .el("td", u.get("PasswordLastUsed") instanceof Instant t ? t.toString() : "Never")
            .close("tr");
      }
      h.close("tbody").close("table");
    }
    h.close("section");
    h.open("section", "aria-labelledby", "create").el("h2", "Create a user", "id", "create");
    h.open("form", "method", "post", "action", "/console/users", "class", "card");
    Layout.csrf(h, session.csrf());
    Layout.field(h, "userName", "User name", "text", "off", null);
    h.el("button", "Create user", "type", "submit", "class", "primary");
    h.close("form").close("section");
    return ConsoleHttp.page(refused == null ? 200 : refused.error().code().httpStatus(),
        Layout.page("Users", who, session.csrf(), h), requestId, List.of());
  }

  RawResponse create(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId) {
    String name = ConsoleHttp.form(request).getOrDefault("userName", "").trim();
    ConsoleCalls.Result r = calls.call(request, caller, "CreateUser", Map.of("UserName", name));
    return r instanceof ConsoleCalls.Failed f
        ? render(request, caller, session, who, requestId, f, null)
        : render(request, caller, session, who, requestId, null, name);
  }
}
