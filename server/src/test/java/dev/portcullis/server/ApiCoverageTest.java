package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ApiCoverageTest {
  @Test
  void committedCoverageTable_matchesTheHandlerRegistry() throws Exception {
    Path doc = Path.of("..", "docs", "api-coverage.md");

    assertThat(Files.readString(doc))
        .as("docs/api-coverage.md is stale: run ./portcullis api-coverage > docs/api-coverage.md")
        .isEqualTo(ApiCoverage.markdown());
  }

  @Test
  void coverageTable_listsEveryModelOperation() {
    String md = ApiCoverage.markdown();

    assertThat(md).contains("| CreateUser | implemented |")
        .contains("| AssumeRoleWithSAML |")
        .contains("180 operations").contains("11 operations")
        .contains("## CloudTrail (2013-11-01): 2 of 60 operations")
        .contains("| LookupEvents | implemented |").contains("| ListPublicKeys | implemented |").contains("| DescribeTrails | not yet |");
  }
}
