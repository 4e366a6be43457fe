package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case of the bad-input corpus: a request (form parameters or a raw body, how to sign it)
 * and the AWS error it must be answered with.
 *
 * @param sign how to sign: {@code admin} (a good signature, the default) or a tweak that
 *     breaks it, such as {@code none}, {@code wrong-secret} or {@code expired}
 * @param method {@code POST} (parameters in the body) or {@code GET} (in the query string)
 * @param contentType the Content-Type sent with a body
 * @param rawBody when set, sent as the body instead of the encoded parameters
 * @param padTo when positive, the body is padded with a dummy parameter to this many bytes
 * @param needs the operation family that must be merged for the case to pass, or null
 */
record CorpusCase(String name, Map<String, String> params, String sign, String method,
    String contentType, String rawBody, int padTo, String code, int status,
    String messageContains, String needs) {

  private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:(.):(\\d+)}}");
  private static final Pattern RANGE = Pattern.compile("\\{\\{1\\.\\.(\\d+)}}");
  private static final Pattern FIXTURE = Pattern.compile("\\{\\{([a-z]+-[a-z-]+)}}");

  /**
   * Reads a case, expanding {@code {{repeat:c:n}}} to n copies of c, a parameter name holding
   * {@code {{1..n}}} to n parameters (with {@code {{i}}} in the value replaced by the index)
   * and {@code {{fixture-name}}} (always hyphenated) to a value the test created.
   */
  static CorpusCase from(JsonNode n, UnaryOperator<String> fixtures) {
    Map<String, String> params = new LinkedHashMap<>();
    n.path("params").fields().forEachRemaining(e -> {
      String value = expand(e.getValue().asText(), fixtures);
      Matcher range = RANGE.matcher(e.getKey());
      if (range.find()) {
        for (int i = 1; i <= Integer.parseInt(range.group(1)); i++) {
          String index = Integer.toString(i);
          params.put(range.replaceFirst(index), value.replace("{{i}}", index));
        }
      } else {
        params.put(e.getKey(), value);
      }
    });
    return new CorpusCase(n.path("name").asText(), params, n.path("sign").asText("admin"),
        n.path("method").asText("POST"),
        n.path("contentType").asText("application/x-www-form-urlencoded; charset=utf-8"),
        n.hasNonNull("rawBody") ? expand(n.get("rawBody").asText(), fixtures) : null,
        n.path("padTo").asInt(0), n.path("code").asText(), n.path("status").asInt(),
        n.path("messageContains").asText(null), n.path("needs").asText(null));
  }

  private static String expand(String value, UnaryOperator<String> fixtures) {
    Matcher repeat = REPEAT.matcher(value);
    StringBuilder out = new StringBuilder();
    while (repeat.find()) {
      repeat.appendReplacement(out, Matcher.quoteReplacement(
          repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))));
    }
    repeat.appendTail(out);
    Matcher fixture = FIXTURE.matcher(out.toString());
    StringBuilder done = new StringBuilder();
    while (fixture.find()) {
      fixture.appendReplacement(done, Matcher.quoteReplacement(fixtures.apply(fixture.group(1))));
    }
    fixture.appendTail(done);
    return done.toString();
  }

  @Override
  public String toString() {
    return name;
  }
}
