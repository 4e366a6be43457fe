package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of {@code malformed-corpus/*.json} through the {@link PolicyParser}. */
class MalformedCorpusTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MINIMUM_CASES = 80;

  @TestFactory
  Stream<DynamicNode> parse_whenCorpusCase_answersAwsMessage() {
    return corpusFiles().stream()
        .map(
            file ->
                DynamicContainer.dynamicContainer(
                    file.getFileName().toString(),
                    cases(file).stream().map(MalformedCorpusTest::caseTest)));
  }

  @Test
  void corpus_whenLoaded_hasEnoughUniquelyNamedSourcedCases() {
    List<JsonNode> all = new ArrayList<>();
    corpusFiles().forEach(file -> all.addAll(cases(file)));
    List<String> names =
        all.stream().map(c -> c.path("name").asText()).collect(Collectors.toList());
    Set<String> unique = new HashSet<>(names);

    assertThat(names).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    assertThat(unique).as("case names are unique").hasSameSizeAs(names);
    assertThat(all)
        .allSatisfy(c -> assertThat(c.path("source").asText()).as("source").isNotBlank());
  }

  private static DynamicTest caseTest(JsonNode node) {
    return DynamicTest.dynamicTest(node.path("name").asText(), () -> check(node));
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

  private static List<Path> corpusFiles() {
    try (Stream<Path> files = Files.list(corpusDirectory())) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path corpusDirectory() {
    try {
      return Path.of(MalformedCorpusTest.class.getResource("/malformed-corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonNode> cases(Path file) {
    try {
      List<JsonNode> cases = new ArrayList<>();
      MAPPER.readTree(file.toFile()).path("cases").forEach(cases::add);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
