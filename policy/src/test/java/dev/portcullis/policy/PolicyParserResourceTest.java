package dev.portcullis.policy;

import static dev.portcullis.policy.ParseAssertions.malformedMessage;
import static dev.portcullis.policy.ParseAssertions.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyParserResourceTest {

  @Test
  void parse_whenBucketPolicyIsValid_readsPrincipalAndResources() {
    String json =
        """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "Public read for the website",
              "Effect": "Allow",
              "Principal": {"AWS": "*"},
              "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::example-site/*"
            },
            {
              "Sid": "Only the owner account may delete",
              "Effect": "Deny",
              "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"},
              "Action": "s3:DeleteObject",
              "Resource": "arn:aws:s3:::example-site/*"
            }
          ]
        }
        """;

    PolicyDocument document = parsed(json, PolicyKind.RESOURCE);

    assertThat(document.statements().get(0).principal().orElseThrow().negated()).isFalse();
    assertThat(document.statements().get(1).principal().orElseThrow().negated()).isTrue();
    assertThat(document.statements().get(1).principal().orElseThrow().elementName())
        .isEqualTo("NotPrincipal");
  }

  @Test
  void parse_whenResourcePolicyHasNoPrincipal_reportsMissingPrincipal() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\":"
            + " \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}}";

    assertThat(malformedMessage(json, PolicyKind.RESOURCE))
        .isEqualTo("Missing required field Principal");
  }

  @Test
  void parse_whenResourcePolicyHasNoResource_reportsMustContainResources() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\","
            + " \"Action\": \"sqs:SendMessage\"}}";

    assertThat(malformedMessage(json, PolicyKind.RESOURCE))
        .isEqualTo(PolicyErrors.MISSING_RESOURCES);
  }

  @Test
  void parse_whenCanonicalUserIsGranted_acceptsTheCanonicalId() {
    String json =
        "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"CanonicalUser\":"
            + " \"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"},"
            + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}}";

    assertThat(parsed(json, PolicyKind.RESOURCE).statements()).hasSize(1);
  }
}
