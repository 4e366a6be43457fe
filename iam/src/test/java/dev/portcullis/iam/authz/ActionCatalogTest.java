package dev.portcullis.iam.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ActionCatalogTest {
  private static final Path SHARED = Path.of("..", "..", "shared", "data",
      "aws-service-authorization.json.gz");

  @Test
  void createUser_isAuthorizedOnAUserWithRequestTagsAndTheBoundaryKey() {
    ActionCatalog.Action a = ActionCatalog.bundled().action("iam", "createuser").orElseThrow();

    assertThat(a.qualified()).isEqualTo("iam:CreateUser");
    assertThat(a.resources()).singleElement().satisfies(r -> {
      assertThat(r.type().name()).isEqualTo("user");
      assertThat(r.required()).isTrue();
      assertThat(r.type().arnTemplate())
          .isEqualTo("arn:${Partition}:iam::${Account}:user/${UserNameWithPath}");
    });
    assertThat(a.hasConditionKey("iam:PermissionsBoundary")).isTrue();
    assertThat(a.hasConditionKey("aws:TagKeys")).isTrue();
  }

  @Test
  void assumeRole_carriesStsKeysAndTheRoleResourceTags() {
    ActionCatalog.Action a = ActionCatalog.bundled().action("sts", "AssumeRole").orElseThrow();

    assertThat(a.hasConditionKey("sts:ExternalId")).isTrue();
    assertThat(a.resources().get(0).type().hasKeyPrefix("aws:ResourceTag/")).isTrue();
  }

  @Test
  void lookupEvents_isAuthorizedOnAnyResource() {
    ActionCatalog.Action a = ActionCatalog.bundled().action("cloudtrail", "LookupEvents")
        .orElseThrow();

    assertThat(a.qualified()).isEqualTo("cloudtrail:LookupEvents");
    assertThat(a.resources()).isEmpty();
  }

  @Test
  void everyIamStsAndCloudTrailActionOfTheSharedReference_isBundledWithItsResourceTypes() throws Exception {
    assumeTrue(Files.exists(SHARED), "../shared/data is not beside the checkout");
    JsonNode shared;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(SHARED))) {
      shared = new ObjectMapper().readTree(in).path("services");
    }
    for (String service : new String[] {"iam", "sts", "cloudtrail"}) {
      shared.path(service).path("actions").fields().forEachRemaining(e -> {
        ActionCatalog.Action bundled = ActionCatalog.bundled().action(service, e.getKey())
            .orElseThrow(() -> new AssertionError("run tools/update-authorization-data.sh: "
                + service + ":" + e.getKey() + " is missing"));
        assertThat(bundled.resources()).hasSize(e.getValue().path("resourceTypes").size());
        assertThat(bundled.conditionKeys()).hasSize(e.getValue().path("conditionKeys").size());
      });
    }
  }
}
