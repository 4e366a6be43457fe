package dev.portcullis.server.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for the console's plain HTTP tests: keeps cookies, follows no
 * redirects (tests look at each step), sends Origin and Sec-Fetch-Site as a browser posting a
 * page's own form does, and reads the CSRF token of the last page.
 */
final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private final URI base;
  private final HttpClient http;
  final Map<String, String> cookies = new LinkedHashMap<>();
  String lastBody = "";
  String origin;

  ConsoleClient(URI base) {
    this(base, HttpClient.newHttpClient());
  }

  ConsoleClient(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
    this.origin = base.getScheme() + "://" + base.getAuthority();
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** Posts a form as this site's page would, with the last page's CSRF token unless given. */
  HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>();
    String csrf = csrf();
    if (csrf != null) {
      form.put("csrf", csrf);
    }
    form.putAll(fields);
    return postRaw(path, form, origin, "same-origin");
  }

  HttpResponse<String> postRaw(String path, Map<String, String> form, String originHeader,
      String fetchSite) {
    String body = form.entrySet().stream().filter(e -> e.getValue() != null)
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (originHeader != null) {
      b.header("Origin", originHeader);
    }
    if (fetchSite != null) {
      b.header("Sec-Fetch-Site", fetchSite);
    }
    return send(b);
  }

  /** Posts JSON as passkeys.js does: the CSRF token in its header, from this site's page. */
  HttpResponse<String> postJson(String path, String json, String csrfToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json").header("X-CSRF-Token", csrfToken)
        .header("Origin", origin).header("Sec-Fetch-Site", "same-origin")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(b);
  }

  /** The value of attribute {@code name} of the element with id {@code id} on the last page. */
  String attribute(String id, String name) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*?" + Pattern.quote(name)
        + "=\"([^\"]*)\"").matcher(lastBody);
    if (!m.find()) {
      return null;
    }
    return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&");
  }

  /** The CSRF token of the last page, or null. */
  String csrf() {
    Matcher m = CSRF.matcher(lastBody);
    return m.find() ? m.group(1) : null;
  }

  /** Signs in through the form; returns the answer to the password step. */
  HttpResponse<String> signIn(String accountOrAlias, String kind, String name,
      String password) {
    get("/signin/" + accountOrAlias);
    return post("/signin/" + accountOrAlias, Map.of("kind", kind, "username", name,
        "password", password));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (String c : r.headers().allValues("set-cookie")) {
        String pair = c.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq);
        String value = pair.substring(eq + 1);
        if (value.isEmpty() || c.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      if (!r.body().isEmpty()) {
        lastBody = r.body();
      }
      return r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The Set-Cookie headers of {@code r} for cookie {@code name}. */
  static List<String> setCookies(HttpResponse<String> r, String name) {
    return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(name + "="))
        .toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
