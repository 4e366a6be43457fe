package dev.portcullis.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the production classes of policy, protocol, iam, store and server (all on this module's
 * test class path) to the layer rules of docs/architecture.md and forbids package cycles.
 */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("dev.portcullis");
  }

  @Test
  void production_whenImported_spansEveryModule() {
    for (String module : new String[] {"policy", "protocol", "iam", "store", "server"}) {
      assertThat(production.containPackage("dev.portcullis." + module)).as(module).isTrue();
    }
    assertThat(production.contain("dev.portcullis.iam.archfixture.CoreOverJdbc")).isFalse();
  }

  @Test
  void packages_whenImportedFromEveryModule_formNoCycle() {
    ArchitectureRules.NO_PACKAGE_CYCLES.check(production);
  }

  @Test
  void policyAndProtocol_whenChecked_knowNothingOfIam() {
    ArchitectureRules.POLICY_AND_PROTOCOL_KNOW_NO_IAM.check(production);
  }

  @Test
  void core_whenChecked_knowsNoHttp() {
    ArchitectureRules.CORE_KNOWS_NO_HTTP.check(production);
  }

  @Test
  void core_whenChecked_knowsNoJdbc() {
    ArchitectureRules.CORE_KNOWS_NO_JDBC.check(production);
  }

  @Test
  void store_whenChecked_knowsNoHttp() {
    ArchitectureRules.STORE_KNOWS_NO_HTTP.check(production);
  }

  @Test
  void server_whenChecked_isUsedOnlyByFrontDoors() {
    ArchitectureRules.ONLY_FRONT_DOORS_USE_SERVER.check(production);
  }
}
