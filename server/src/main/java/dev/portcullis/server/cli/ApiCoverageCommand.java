package dev.portcullis.server.cli;

import dev.portcullis.server.ApiCoverage;
import picocli.CommandLine.Command;

/** {@code portcullis api-coverage}: prints the API coverage table as Markdown. */
@Command(name = "api-coverage", mixinStandardHelpOptions = true,
    description = "Print which IAM and STS operations are implemented (Markdown).")
public final class ApiCoverageCommand implements Runnable {
  @Override
  public void run() {
    System.out.print(ApiCoverage.markdown());
  }
}
