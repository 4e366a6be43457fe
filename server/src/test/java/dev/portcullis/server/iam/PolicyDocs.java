package dev.portcullis.server.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Policy documents shared by the policy tests. */
final class PolicyDocs {
  static final String READ_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
  static final String LIST_S3 = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n"
      + "    \"Effect\": \"Allow\",\n    \"Action\": [\"s3:ListBucket\"],\n"
      + "    \"Resource\": \"arn:aws:s3:::my-bucket\"\n  }]\n}";

  static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
      + "\"Action\":\"sts:AssumeRole\"}]}";

  private PolicyDocs() {}

  /** A valid identity policy of exactly {@code size} characters other than white space. */
  static String ofSize(int size) {
    String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/";
    String tail = "\"}]}";
    return head + "x".repeat(size - head.length() - tail.length()) + tail;
  }

  /** IAM returns documents URL-encoded; this is what a client decodes. */
  static String decoded(String document) {
    return URLDecoder.decode(document, StandardCharsets.UTF_8);
  }
}
