package dev.portcullis.protocol;

/** Client-supplied text as it may appear in messages and logs. */
public final class ClientText {
  private ClientText() {}

  /** Keeps client-supplied text in messages and logs short and printable. */
  public static String sanitize(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), 64) + 3);
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e ? c : '?');
    }
    return s.length() > 64 ? out.append("...").toString() : out.toString();
  }
}
