package dev.portcullis.server.http;

import dev.portcullis.protocol.UriEncoding;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads Query-protocol parameters from the query string and a form-encoded body. */
public final class FormParameters {
  private FormParameters() {}

  /** Query-string parameters first, then body parameters; the first value of a name wins. */
  public static Map<String, String> of(RawRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    parseInto(request.rawQuery(), params);
    if (request.body().length > 0 && isForm(request)) {
      parseInto(new String(request.body(), StandardCharsets.UTF_8), params);
    }
    return params;
  }

  /** Only the query string's parameters: where presigned SigV4 fields live. */
  public static Map<String, String> queryOnly(RawRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    parseInto(request.rawQuery(), params);
    return params;
  }

  private static boolean isForm(RawRequest request) {
    var types = request.headers().get("content-type");
    return types == null || types.isEmpty()
        || types.get(0).toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static void parseInto(String encoded, Map<String, String> params) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1), true);
      params.putIfAbsent(name, value);
    }
  }
}
