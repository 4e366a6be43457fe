package dev.portcullis.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.JsonCorpus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of {@code decision-corpus/*.json} through the {@link Evaluator}. */
class DecisionCorpusTest {
  private static final JsonCorpus CORPUS = new JsonCorpus("decision-corpus");
  private static final int MINIMUM_CASES = 300;

  @TestFactory
  Stream<DynamicNode> evaluate_whenCorpusCase_matchesExpectedDecision() {
    return CORPUS.tests(node -> check(CorpusCase.read(node)));
  }

  @Test
  void corpus_whenLoaded_hasEnoughUniquelyNamedCases() {
    List<String> names = CORPUS.allCases().stream().map(node -> node.path("name").asText())
        .toList();
    Set<String> unique = new HashSet<>(names);
    assertThat(names).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    assertThat(unique).as("case names are unique").hasSameSizeAs(names);
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
}
