package dev.portcullis.iam.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedPolicyCatalogTest {
  private final ManagedPolicyCatalog catalog = ManagedPolicyCatalog.bundled();

  @Test
  void bundled_holdsEveryAwsManagedPolicyOrderedByName() {
    List<ManagedPolicy> all = catalog.all();

    assertThat(catalog.size()).isEqualTo(1594);
    assertThat(all).extracting(ManagedPolicy::accountId).containsOnly("aws");
    assertThat(all).extracting(p -> p.name().toLowerCase()).isSorted();
    assertThat(all).extracting(ManagedPolicy::policyId).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).startsWith("ANPA").hasSize(21));
  }

  @Test
  void byArnAndByName_findTheSamePolicy_withItsPathDatesAndDefaultVersion() {
    ManagedPolicy admin = catalog.byArn("arn:aws:iam::aws:policy/AdministratorAccess")
        .orElseThrow();

    assertThat(catalog.byName("administratoraccess")).contains(admin);
    assertThat(admin.path()).isEqualTo("/");
    assertThat(admin.defaultVersionId()).isEqualTo("v1");
    assertThat(admin.createdAt()).isEqualTo(Instant.parse("2015-02-06T18:39:46Z"));
    assertThat(admin.awsManaged()).isTrue();
    assertThat(catalog.byName("ViewOnlyAccess").orElseThrow().arn())
        .isEqualTo("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess");
    assertThat(catalog.byArn("arn:aws:iam::aws:policy/NoSuchPolicy")).isEmpty();
  }

  @Test
  void defaultVersion_carriesTheDocument_asValidJson() {
    PolicyVersion v = catalog.defaultVersion("arn:aws:iam::aws:policy/AdministratorAccess")
        .orElseThrow();

    assertThat(v.isDefault()).isTrue();
    assertThat(v.document()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    assertThat(PolicyParser.parse(catalog.defaultVersion(
        "arn:aws:iam::aws:policy/ReadOnlyAccess").orElseThrow().document(), PolicyKind.IDENTITY))
        .isInstanceOf(ParseResult.Parsed.class);
  }

  /**
   * A stored policy that no longer parses grants nothing (PolicyLibrary skips it), so a parser
   * rule stricter than AWS's would silently strip every caller of an AWS managed policy.
   */
  @Test
  void defaultVersion_ofEveryBundledPolicy_parsesAsAManagedPolicy() {
    for (ManagedPolicy p : catalog.all()) {
      ParseResult result =
          PolicyParser.parse(catalog.defaultVersion(p.arn()).orElseThrow().document(),
              PolicyKind.MANAGED);

      assertThat(result).as(p.arn() + ": " + result).isInstanceOf(ParseResult.Parsed.class);
    }
  }

  @Test
  void bundled_isTheSharedCatalog_policyForPolicyAndDocumentForDocument() throws Exception {
    Path shared = Path.of("..", "..", "shared", "data", "aws-managed-policies.json.gz");
    assumeTrue(Files.exists(shared), "../shared/data is not beside the checkout");
    ManagedPolicyCatalog original;
    try (InputStream in = Files.newInputStream(shared)) {
      original = ManagedPolicyCatalog.read(in);
    }
    ObjectMapper json = new ObjectMapper();

    assertThat(catalog.all()).as("run tools/update-managed-policies.sh")
        .isEqualTo(original.all());
    for (ManagedPolicy p : original.all()) {
      assertThat(json.readTree(catalog.defaultVersion(p.arn()).orElseThrow().document()))
          .as(p.arn()).isEqualTo(json.readTree(original.defaultVersion(p.arn()).orElseThrow()
              .document()));
    }
  }

  @Test
  void policyId_isStableForAnArn() {
    assertThat(ManagedPolicyCatalog.policyId("arn:aws:iam::aws:policy/A"))
        .isEqualTo(ManagedPolicyCatalog.policyId("arn:aws:iam::aws:policy/A"))
        .isNotEqualTo(ManagedPolicyCatalog.policyId("arn:aws:iam::aws:policy/B"));
  }

  @Test
  void instant_readsTheCatalogsTimestampsAsIsoDoes() {
    assertThat(ManagedPolicyCatalog.instant("2026-08-12T23:07:09.123Z"))
        .isEqualTo(Instant.parse("2026-08-12T23:07:09.123Z"));
    assertThat(ManagedPolicyCatalog.instant("2026-08-12T23:07:09Z"))
        .isEqualTo(Instant.parse("2026-08-12T23:07:09Z"));
  }
}
