package dev.portcullis.iam.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextKeyValuesTest {
  @Test
  void put_whenKeyDiffersOnlyInCase_replacesTheEarlierKeyAndTakesTheNewSpelling() {
    ContextKeyValues context = new ContextKeyValues(Map.of("aws:PrincipalTag/team", List.of("a")));
    context.put("aws:SourceIp", List.of("10.0.0.1"));
    context.put("AWS:principaltag/TEAM", List.of("b"));

    assertThat(context.asMap()).containsExactly(
        Map.entry("aws:SourceIp", List.of("10.0.0.1")),
        Map.entry("AWS:principaltag/TEAM", List.of("b")));
  }

  @Test
  void put_manyDistinctKeys_keepsEveryKeyInOrder() {
    ContextKeyValues context = new ContextKeyValues(Map.of());
    for (int i = 0; i < 20_000; i++) {
      context.put("k" + i, List.of(String.valueOf(i)));
    }
    context.put("K0", List.of("last"));

    assertThat(context.asMap()).hasSize(20_000);
    assertThat(context.asMap().keySet()).first().isEqualTo("k1");
    assertThat(context.asMap()).containsEntry("K0", List.of("last"));
  }
}
