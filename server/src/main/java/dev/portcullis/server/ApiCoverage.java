package dev.portcullis.server;

import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.protocol.model.ServiceModel;
import java.util.List;

/**
 * Renders docs/api-coverage.md: every operation of the IAM, STS and CloudTrail models, and whether this
 * build implements it. A test keeps the committed file equal to this output.
 */
public final class ApiCoverage {
  private ApiCoverage() {}

  public static String markdown() {
    OperationRegistry iam = Services.iamOperations(null, null, null);
    OperationRegistry sts = Services.stsOperations(null, null, null, null);
    OperationRegistry cloudtrail = Services.cloudtrailOperations(null, null);
    StringBuilder md = new StringBuilder();
    md.append("# API coverage\n\n")
        .append("Generated from the AWS service models in `protocol/src/main/resources` and the ")
        .append("server's handler registry by `./portcullis api-coverage`; ")
        .append("`ApiCoverageTest` fails when this file is out of date.\n")
        .append("An operation that is not implemented answers `NotImplemented` (HTTP 501; ")
        .append("on CloudTrail's JSON protocol `{\"__type\":\"NotImplemented\",...}`).\n\n");
    section(md, "IAM", ServiceModel.bundled("iam"), iam);
    section(md, "STS", ServiceModel.bundled("sts"), sts);
    section(md, "CloudTrail", ServiceModel.bundled("cloudtrail"), cloudtrail);
    return md.toString();
  }

  private static void section(StringBuilder md, String title, ServiceModel model,
      OperationRegistry registry) {
    List<String> ops = model.operations().keySet().stream().sorted().toList();
    long done = ops.stream().filter(op -> registry.handler(op).isPresent()).count();
    md.append("## ").append(title).append(" (").append(model.apiVersion()).append("): ")
        .append(done).append(" of ").append(ops.size()).append(" operations\n\n")
        .append("| operation | status |\n|---|---|\n");
    for (String op : ops) {
      md.append("| ").append(op).append(" | ")
          .append(registry.handler(op).isPresent() ? "implemented" : "not yet").append(" |\n");
    }
    md.append('\n');
  }
}
