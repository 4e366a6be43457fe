package dev.portcullis.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.mfa.passkeys.RelyingParty;
import dev.portcullis.server.http.RawRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's side of a passkey ceremony over HTTP: the relying party and origin of the page
 * the browser is on (its Host), the JSON body passkeys.js posts ({"credential": ..., fields}),
 * and its CSRF header.
 */
final class ConsolePasskeys {
  static final String CSRF_HEADER = "x-csrf-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;

  private ConsolePasskeys() {}

  /** A posted passkey response: the credential's JSON and the other fields sent with it. */
  record Posted(String credentialJson, JsonNode fields) {
    String field(String name) {
      JsonNode v = fields.get(name);
      return v == null || !v.isTextual() ? null : v.asText();
    }
  }

  /** Whether the request is passkeys.js's JSON POST. */
  static boolean isJson(RawRequest request) {
    String type = request.header("content-type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  /** The JSON body's credential and fields; empty when it is not such a body. */
  static Optional<Posted> read(RawRequest request) {
    byte[] body = request.body();
    if (!isJson(request) || body == null || body.length == 0 || body.length > MAX_BODY) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode credential = root == null ? null : root.get("credential");
      if (credential == null || !credential.isObject()) {
        return Optional.empty();
      }
      return Optional.of(new Posted(credential.toString(), root));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The relying party of the console as the browser reached it: the Host's name without its
   * port. Empty for a host that cannot be an RP id (an IPv6 literal): no passkeys there.
   */
  static Optional<RelyingParty> relyingParty(RawRequest request) {
    String host = request.header("host");
    if (host == null || host.isBlank() || host.startsWith("[")) {
      return Optional.empty();
    }
    int colon = host.indexOf(':');
    String name = (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    try {
      return Optional.of(RelyingParty.forHost(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The exact origin the browser must report: the one ConsoleHttp.sameOrigin accepts for a
   * POST of this request (scheme and Host as sent).
   */
  static String origin(RawRequest request) {
    return (request.secure() ? "https://" : "http://") + request.header("host");
  }
}
