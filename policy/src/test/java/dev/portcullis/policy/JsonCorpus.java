package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * A folder of JSON case files on the test class path, each {@code {"cases": [{"name": ...},
 * ...]}}, read in file-name order: the decision corpus and the malformed-policy corpus.
 */
public record JsonCorpus(String folder) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One dynamic test per case, named by its {@code name}, grouped by file. */
  public Stream<DynamicNode> tests(Consumer<JsonNode> check) {
    return files().stream().map(file -> DynamicContainer.dynamicContainer(
        file.getFileName().toString(), cases(file).stream().map(c -> DynamicTest.dynamicTest(
            c.path("name").asText(), () -> check.accept(c)))));
  }

  /** Every case of every file. */
  public List<JsonNode> allCases() {
    List<JsonNode> all = new ArrayList<>();
    files().forEach(file -> all.addAll(cases(file)));
    return all;
  }

  private List<Path> files() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path directory() {
    try {
      return Path.of(JsonCorpus.class.getResource("/" + folder).toURI());
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
