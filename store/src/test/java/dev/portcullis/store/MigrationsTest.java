package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  @Test
  void index_listsEveryMigrationScriptInAscendingOrder() throws Exception {
    Path dir = Path.of("src/main/resources/dev/portcullis/store/migration");
    List<Integer> scripts;
    try (Stream<Path> files = Files.list(dir)) {
      scripts = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d{3}\\.sql"))
          .map(n -> Integer.parseInt(n.substring(1, 4))).sorted().toList();
    }

    assertThat(Migrations.versions()).isEqualTo(scripts);
  }

  @Test
  void statements_splitOnSemicolonsAtLineEndsAndDropComments() {
    assertThat(Migrations.statements("-- a comment\nCREATE TABLE a (x TEXT);\n\n"
        + "CREATE INDEX b\n  ON a (x);\n")).containsExactly("CREATE TABLE a (x TEXT)",
        "CREATE INDEX b\n  ON a (x)");
  }
}
