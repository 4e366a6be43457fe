package dev.portcullis.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled models are AWS's (../shared/specs) less their documentation, nothing else. */
class BundledModelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SPECS = Path.of("..", "..", "shared", "specs");

  @ParameterizedTest
  @ValueSource(strings = {"iam-service-2.json", "sts-service-2.json", "iam-paginators-1.json",
      "sts-paginators-1.json", "cloudtrail-service-2.json", "cloudtrail-paginators-1.json"})
  void bundledModel_isTheSharedSpecWithoutDocumentation(String name) throws Exception {
    assumeTrue(Files.exists(SPECS.resolve(name)), "../shared/specs is not beside the checkout");
    JsonNode shared = stripDocumentation(JSON.readTree(SPECS.resolve(name).toFile()));
    JsonNode bundled;
    try (InputStream in = getClass().getResourceAsStream(
        "/dev/portcullis/protocol/specs/" + name)) {
      bundled = JSON.readTree(in);
    }

    assertThat(bundled).as("run tools/update-models.sh").isEqualTo(shared);
  }

  private static JsonNode stripDocumentation(JsonNode node) {
    if (node.isObject()) {
      ((ObjectNode) node).remove("documentation");
    }
    node.forEach(BundledModelsTest::stripDocumentation);
    return node;
  }
}
