package dev.portcullis.policy.evaluation;

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

/** Runs every case of {@code decision-corpus/*.json} through the {@link Evaluator}. */
class DecisionCorpusTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MINIMUM_CASES = 300;

  @TestFactory
  Stream<DynamicNode> evaluate_whenCorpusCase_matchesExpectedDecision() {
    return corpusFiles().stream()
        .map(
            file ->
                DynamicContainer.dynamicContainer(
                    file.getFileName().toString(),
                    cases(file).stream().map(DecisionCorpusTest::caseTest)));
  }

  @Test
  void corpus_whenLoaded_hasEnoughUniquelyNamedCases() {
    List<String> names = new ArrayList<>();
    corpusFiles()
        .forEach(file -> cases(file).forEach(node -> names.add(node.path("name").asText())));
    Set<String> unique = new HashSet<>(names);
    assertThat(names).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    assertThat(unique).as("case names are unique").hasSameSizeAs(names);
  }

  private static DynamicTest caseTest(JsonNode node) {
    return DynamicTest.dynamicTest(node.path("name").asText(), () -> check(CorpusCase.read(node)));
  }

  private static void check(CorpusCase corpusCase) {
    EvaluationResult result = Evaluator.evaluate(corpusCase.input());
    CorpusCase.Expectation expect = corpusCase.expect();
    String trace = " (result: " + result + ")";
    assertThat(result.decision()).as("decision" + trace).isEqualTo(expect.decision());
    expect
        .decidedBy()
        .ifPresent(
            type ->
                assertThat(result.decidedBy().map(Enum::name).orElse("NONE"))
                    .as("decidedBy" + trace)
                    .isEqualTo(type));
    expect
        .statements()
        .ifPresent(
            statements ->
                assertThat(
                        result.statements().stream()
                            .map(MatchedStatement::reference)
                            .collect(Collectors.toSet()))
                    .as("statements" + trace)
                    .containsExactlyInAnyOrderElementsOf(statements));
    expect
        .missingContextKeys()
        .ifPresent(
            keys ->
                assertThat(result.missingContextKeys())
                    .as("missing context keys" + trace)
                    .containsExactlyInAnyOrderElementsOf(keys));
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
      return Path.of(DecisionCorpusTest.class.getResource("/decision-corpus").toURI());
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
