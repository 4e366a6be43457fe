package dev.portcullis.server.console;

import dev.portcullis.server.http.FormParameters;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's HTTP conventions: its cookies (HttpOnly, SameSite=Strict, path /, Secure and
 * named with the __Host- prefix over TLS), the form of a POST (its body only: a query string cannot smuggle a field in), the
 * same-origin checks of a state change, and the security headers of every answer (a strict
 * CSP: nothing but this server's own files, no inline script or style, no framing).
 */
final class ConsoleHttp {
  static final String SESSION_COOKIE = "portcullis-console";
  static final String SIGNIN_COOKIE = "portcullis-signin";
  static final String CSRF_FIELD = "csrf";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";
  private static final String HTML = "text/html; charset=utf-8";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private ConsoleHttp() {}

  /**
   * The name cookie {@code base} has on {@code request}: over TLS with the {@code __Host-}
   * prefix, which browsers accept only from this host, Secure, on path / and without a Domain,
   * so a sibling subdomain cannot plant a session (its own) or shadow ours (RFC 6265bis 4.1.3).
   */
  static String cookieName(RawRequest request, String base) {
    return request.secure() ? "__Host-" + base : base;
  }

  /** The value of cookie {@code name} (its prefixed name over TLS), or null. */
  static String cookie(RawRequest request, String name) {
    List<String> headers = request.headers().get("cookie");
    if (headers == null) {
      return null;
    }
    String wanted = cookieName(request, name);
    for (String header : headers) {
      for (String part : header.split(";")) {
        String p = part.trim();
        int eq = p.indexOf('=');
        if (eq > 0 && p.substring(0, eq).equals(wanted)) {
          return p.substring(eq + 1);
        }
      }
    }
    return null;
  }

  /** The fields of a form POST, from its body alone. */
  static Map<String, String> form(RawRequest request) {
    return FormParameters.of(new RawRequest(request.method(), request.rawPath(), null,
        request.headers(), request.body(), request.remoteAddress(), request.secure(),
        request.tls()));
  }

  /**
   * Whether a state-changing request comes from this server's own pages: a browser's
   * Sec-Fetch-Site must be same-origin, and an Origin, when sent, must be this host. A
   * request with neither (not a browser) still needs the form's CSRF token.
   */
  static boolean sameOrigin(RawRequest request) {
    String site = request.header("sec-fetch-site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = request.header("origin");
    if (origin == null) {
      return true;
    }
    String host = request.header("host");
    String expected = (request.secure() ? "https://" : "http://") + host;
    return host != null && origin.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(
        Locale.ROOT));
  }

  /** A Set-Cookie header for {@code value}, living {@code maxAge} (zero: delete it). */
  static RawResponse.Header setCookie(RawRequest request, String name, String value,
      Duration maxAge) {
    return new RawResponse.Header("Set-Cookie", cookieName(request, name) + "=" + value
        + "; Path=/; Max-Age="
        + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict" + (request.secure() ? "; Secure"
        : ""));
  }

  static RawResponse.Header clearCookie(RawRequest request, String name) {
    return setCookie(request, name, "", Duration.ZERO);
  }

  /** An HTML page with the console's security headers. */
  static RawResponse page(int status, String html, String requestId,
      List<RawResponse.Header> extra) {
    return new RawResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8), requestId,
        withSecurityHeaders(extra, "no-store"));
  }

  /** A 303 to {@code location} (a local path). */
  static RawResponse redirect(String location, String requestId,
      List<RawResponse.Header> extra) {
    if (!Html.isLocal(location)) {
      throw new IllegalArgumentException("redirects stay on this server");
    }
    List<RawResponse.Header> headers = new ArrayList<>(extra);
    headers.add(new RawResponse.Header("Location", location));
    return new RawResponse(303, HTML, new byte[0], requestId,
        withSecurityHeaders(headers, "no-store"));
  }

  /** A JSON answer to a script of the console's pages (passkeys.js), never cached. */
  static RawResponse json(int status, String json, String requestId) {
    return new RawResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8),
        requestId, withSecurityHeaders(List.of(), "no-store"));
  }

  /** {@code text} as a JSON string literal. */
  static String jsonString(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A static file (the style sheet, a script): cacheable, never sniffed. */
  static RawResponse asset(String contentType, byte[] body, String requestId) {
    return new RawResponse(200, contentType, body, requestId,
        withSecurityHeaders(List.of(), "public, max-age=300"));
  }

  private static List<RawResponse.Header> withSecurityHeaders(List<RawResponse.Header> extra,
      String cache) {
    List<RawResponse.Header> headers = new ArrayList<>(extra);
    headers.add(new RawResponse.Header("Content-Security-Policy", CSP));
    headers.add(new RawResponse.Header("X-Content-Type-Options", "nosniff"));
    // Not no-referrer: under it browsers send "Origin: null" with a form POST, which the
    // same-origin check must refuse. same-origin still gives no other site a console URL.
    headers.add(new RawResponse.Header("Referrer-Policy", "same-origin"));
    headers.add(new RawResponse.Header("X-Frame-Options", "DENY"));
    headers.add(new RawResponse.Header("Cross-Origin-Opener-Policy", "same-origin"));
    headers.add(new RawResponse.Header("Cache-Control", cache));
    return headers;
  }
}
