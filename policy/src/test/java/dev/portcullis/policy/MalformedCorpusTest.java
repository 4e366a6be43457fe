package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of {@code malformed-corpus/*.json} through the {@link PolicyParser}. */
class MalformedCorpusTest {
  private static final JsonCorpus CORPUS = new JsonCorpus("malformed-corpus");
  private static final int MINIMUM_CASES = 80;

  @TestFactory
  Stream<DynamicNode> parse_whenCorpusCase_answersAwsMessage() {
    return CORPUS.tests(MalformedCorpusTest::check);
  }

  @Test
  void corpus_whenLoaded_hasEnoughUniquelyNamedSourcedCases() {
    List<JsonNode> all = CORPUS.allCases();
    List<String> names =
        all.stream().map(c -> c.path("name").asText()).collect(Collectors.toList());
    Set<String> unique = new HashSet<>(names);

    assertThat(names).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    assertThat(unique).as("case names are unique").hasSameSizeAs(names);
    assertThat(all)
        .allSatisfy(c -> assertThat(c.path("source").asText()).as("source").isNotBlank());
  }

  private static void check(JsonNode node) {
    JsonNode document = node.path("document");
    String text = document.isTextual() ? document.textValue() : document.toString();
    PolicyKind kind = PolicyKind.valueOf(node.path("kind").asText());

    ParseResult result = PolicyParser.parse(text, kind);

    assertThat(result).as("parse result").isInstanceOf(ParseResult.Malformed.class);
    ParseResult.Malformed malformed = (ParseResult.Malformed) result;
    assertThat(malformed.message())
        .as("message (detail: %s)", malformed.detail())
        .isEqualTo(node.path("message").asText());
  }
}
