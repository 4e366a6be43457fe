package dev.portcullis.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rules of docs/architecture.md as ArchUnit rules, shared by the test that holds the
 * code to them and the test that proves each one catches a breach.
 */
final class ArchitectureRules {
  static final String[] HTTP = {"org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet.."};
  static final String[] JDBC = {"java.sql..", "javax.sql..", "com.zaxxer..", "org.sqlite..",
      "org.postgresql.."};

  /**
   * Every package is its own slice (a parent and its subpackage are two), in every module: no
   * two may depend on each other, however long the loop.
   */
  static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.portcullis.(**)")
      .namingSlices("dev.portcullis.$1")
      .should().beFreeOfCycles();

  static final ArchRule POLICY_AND_PROTOCOL_KNOW_NO_IAM = noClasses()
      .that().resideInAnyPackage("dev.portcullis.policy..", "dev.portcullis.protocol..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.portcullis.iam..", "dev.portcullis.store..", "dev.portcullis.server..")
      .because("policy and protocol can be embedded on their own");

  static final ArchRule CORE_KNOWS_NO_HTTP = noClasses()
      .that().resideInAPackage("dev.portcullis.iam..")
      .should().dependOnClassesThat().resideInAnyPackage(HTTP)
      .because("every front door (API, console, credential endpoints) calls the same core");

  static final ArchRule CORE_KNOWS_NO_JDBC = noClasses()
      .that().resideInAPackage("dev.portcullis.iam..")
      .should().dependOnClassesThat().resideInAnyPackage(JDBC)
      .orShould().dependOnClassesThat().resideInAPackage("dev.portcullis.store..")
      .because("the core sees storage only through its own iam.store interfaces");

  static final ArchRule STORE_KNOWS_NO_HTTP = noClasses()
      .that().resideInAPackage("dev.portcullis.store..")
      .should().dependOnClassesThat().resideInAnyPackage(HTTP)
      .because("the store serves the core, not a front door");

  static final ArchRule ONLY_FRONT_DOORS_USE_SERVER = noClasses()
      .that().resideInAnyPackage("dev.portcullis.policy..", "dev.portcullis.protocol..",
          "dev.portcullis.iam..", "dev.portcullis.store..")
      .should().dependOnClassesThat().resideInAPackage("dev.portcullis.server..")
      .because("server is a front door: nothing beneath it may reach up into it");

  private ArchitectureRules() {}
}
