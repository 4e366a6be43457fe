package dev.portcullis.server.console;

/**
 * The frame of every console page: landmarks (header, nav, main, footer), the one style sheet,
 * a skip link, and for a signed-in person the navigation and the sign-out button (a form: a
 * state change is never a GET).
 */
final class Layout {
  static final String STYLE = "/assets/console.css";

  private Layout() {}

  /**
   * A whole page titled {@code title} around {@code main}; {@code who} names the signed-in
   * person (null before sign-in) and {@code csrf} is their session's form token.
   */
  static String page(String title, String who, String csrf, Html main) {
    Html h = new Html();
    h.open("html", "lang", "en").open("head")
        .empty("meta", "charset", "utf-8")
        .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
        .el("title", title + " | Portcullis")
        .empty("link", "rel", "stylesheet", "href", STYLE)
        .close("head").open("body");
    h.open("a", "class", "skip", "href", "#main").text("Skip to content").close("a");
    h.open("header", "class", "top").el("span", "Portcullis", "class", "brand");
    if (who != null) {
      h.open("nav", "aria-label", "Console");
      h.open("ul")
          .open("li").link("/console/", "Dashboard").close("li")
          .open("li").link("/console/users", "Users").close("li")
          .open("li").link("/console/events", "Events").close("li")
          .open("li").link(SecurityCredentialsPage.PATH, "My security credentials").close("li")
          .open("li").link("/console/password", "Change my password").close("li")
          .close("ul");
      h.close("nav");
      h.open("form", "method", "post", "action", "/console/signout", "class", "signout")
          .el("span", who, "class", "who")
          .empty("input", "type", "hidden", "name", ConsoleHttp.CSRF_FIELD, "value", csrf)
          .el("button", "Sign out", "type", "submit")
          .close("form");
    }
    h.close("header");
    h.open("main", "id", "main").el("h1", title);
    return "<!DOCTYPE html>" + h + main + "</main><footer class=\"foot\">Portcullis: an AWS "
        + "IAM-compatible server</footer></body></html>";
  }

  /** A hidden CSRF field for a form of the session whose token is {@code csrf}. */
  static Html csrf(Html h, String csrf) {
    return h.empty("input", "type", "hidden", "name", ConsoleHttp.CSRF_FIELD, "value", csrf);
  }

  /** A labelled input. */
  static Html field(Html h, String id, String label, String type, String autocomplete,
      String value) {
    return h.open("p", "class", "field").el("label", label, "for", id)
        .empty("input", "id", id, "name", id, "type", type, "autocomplete", autocomplete,
            "value", value, "required", "required")
        .close("p");
  }

  /** An alert region, announced by screen readers. */
  static Html error(Html h, String title, Iterable<String> lines) {
    h.open("div", "class", "alert", "role", "alert").el("p", title, "class", "alert-title");
    h.open("ul");
    for (String line : lines) {
      h.el("li", line);
    }
    return h.close("ul").close("div");
  }
}
