package dev.portcullis.server.console;

/**
 * A small HTML writer with context-aware escaping: text and attribute values are always
 * escaped, and URL attributes (href, action, src) accept only this server's own paths, so no
 * value from a request or the store can open a tag, an attribute or a javascript: URL. Pages
 * carry no inline script or style (the CSP forbids them).
 */
final class Html {
  private final StringBuilder out = new StringBuilder(4096);

  /** Opens {@code tag} with attributes given as name, value pairs (a null value is left out). */
  Html open(String tag, String... attributes) {
    out.append('<').append(tag);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      String name = attributes[i];
      String value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      if (isUrl(name) && !isLocal(value) && !(name.equals("src") && isPngData(value))) {
        throw new IllegalArgumentException("only local URLs may be written: " + name);
      }
      out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
    }
    out.append('>');
    return this;
  }

  Html close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An element holding only {@code text}. */
  Html el(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** A void element (input, meta, link). */
  Html empty(String tag, String... attributes) {
    return open(tag, attributes);
  }

  Html text(String text) {
    out.append(escape(text == null ? "" : text));
    return this;
  }

  /** A link to one of this server's pages. */
  Html link(String href, String text) {
    return el("a", text, "href", href);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Escapes the five characters that matter in HTML text and quoted attribute values. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isUrl(String attribute) {
    return attribute.equals("href") || attribute.equals("action") || attribute.equals("src");
  }

  /** A PNG image inline (a QR code): the console's CSP allows img-src data:, nothing else. */
  static final String PNG_DATA = "data:image/png;base64,";

  private static boolean isPngData(String value) {
    return value.startsWith(PNG_DATA) && value.substring(PNG_DATA.length()).chars().allMatch(
        c -> Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=');
  }

  /** A path of this server ("/console/...") or a fragment; never "//host" or a scheme. */
  static boolean isLocal(String url) {
    return (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\"))
        || url.startsWith("#");
  }
}
