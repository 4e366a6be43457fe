package dev.portcullis.server.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets a test made, each in every form it could be written in (as given, base64, hex,
 * URL-encoded; raw bytes of a binary one), and a search for them in text or raw bytes. A TOTP
 * code is six digits, too short to look for in a database file's bytes: it is looked for only
 * in audit records, as a number of its own (not part of a longer run of letters or digits).
 */
final class SecretSearch {
  private final Map<String, Set<String>> forms = new LinkedHashMap<>();
  private final Map<String, Pattern> codes = new LinkedHashMap<>();

  /** A secret text (a key, password, token, seed), named {@code label} in failure messages. */
  SecretSearch text(String label, String secret) {
    if (secret == null || secret.length() < 8) {
      throw new IllegalArgumentException(label + ": too short to search for as text");
    }
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> all = forms.computeIfAbsent(label, k -> new LinkedHashSet<>());
    all.add(secret);
    all.add(Base64.getEncoder().encodeToString(utf8));
    all.add(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
    all.add(HexFormat.of().formatHex(utf8));
    all.add(HexFormat.of().withUpperCase().formatHex(utf8));
    all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    return this;
  }

  /** A binary secret (raw seed bytes, a QR code image). */
  SecretSearch bytes(String label, byte[] secret) {
    Set<String> all = forms.computeIfAbsent(label, k -> new LinkedHashSet<>());
    all.add(new String(secret, StandardCharsets.ISO_8859_1));
    all.add(Base64.getEncoder().encodeToString(secret));
    all.add(HexFormat.of().formatHex(secret));
    all.add(HexFormat.of().withUpperCase().formatHex(secret));
    return this;
  }

  /** A TOTP code: six digits, searched for in audit records only. */
  SecretSearch code(String label, String code) {
    if (!code.matches("[0-9]{6}")) {
      throw new IllegalArgumentException(label + ": not a six-digit code");
    }
    codes.put(label, Pattern.compile("(?<![0-9A-Za-z])" + code + "(?![0-9A-Za-z])"));
    return this;
  }

  /** The labels of the secrets (codes included) found in an audit record or export. */
  List<String> inRecords(String text) {
    List<String> found = inText(text);
    codes.forEach((label, pattern) -> {
      if (pattern.matcher(text).find()) {
        found.add(label);
      }
    });
    return found;
  }

  /** The labels of the secrets (not codes) found in {@code text}. */
  List<String> inText(String text) {
    List<String> found = new ArrayList<>();
    forms.forEach((label, written) -> {
      if (written.stream().anyMatch(text::contains)) {
        found.add(label);
      }
    });
    return found;
  }

  /** The labels of the secrets (not codes) found in a file's raw bytes. */
  List<String> inBytes(byte[] raw) {
    return inText(new String(raw, StandardCharsets.ISO_8859_1));
  }

  /** How many secrets are searched for, codes included. */
  int size() {
    return forms.size() + codes.size();
  }
}
