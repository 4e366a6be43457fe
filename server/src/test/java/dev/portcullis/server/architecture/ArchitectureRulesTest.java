package dev.portcullis.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.portcullis.iam.archfixture.CoreIntoServer;
import dev.portcullis.iam.archfixture.CoreOverHttp;
import dev.portcullis.iam.archfixture.CoreOverJdbc;
import dev.portcullis.iam.archfixture.loop.answer.Reply;
import dev.portcullis.iam.archfixture.loop.ask.Question;
import dev.portcullis.policy.archfixture.PolicyIntoIam;
import dev.portcullis.store.archfixture.StoreOverHttp;
import org.junit.jupiter.api.Test;

/**
 * Proves that each architecture rule catches a breach: test-only fixture classes (in the
 * packages the rules guard, under {@code archfixture}) break one rule each on purpose.
 */
class ArchitectureRulesTest {

  @Test
  void noPackageCycles_whenTwoPackagesUseEachOther_namesBoth() {
    assertBroken(ArchitectureRules.NO_PACKAGE_CYCLES, Question.class, Reply.class)
        .contains("archfixture.loop.ask").contains("archfixture.loop.answer");
  }

  @Test
  void noPackageCycles_whenDependenciesRunOneWay_passes() {
    JavaClasses oneWay = new ClassFileImporter().importClasses(CoreOverJdbc.class,
        PolicyIntoIam.class);
    assertThat(ArchitectureRules.NO_PACKAGE_CYCLES.evaluate(oneWay).hasViolation()).isFalse();
  }

  @Test
  void policyAndProtocolKnowNoIam_whenPolicyUsesAnIamType_namesIt() {
    assertBroken(ArchitectureRules.POLICY_AND_PROTOCOL_KNOW_NO_IAM, PolicyIntoIam.class)
        .contains("PolicyIntoIam").contains("dev.portcullis.iam.domain.User");
  }

  @Test
  void coreKnowsNoHttp_whenCoreUsesJetty_namesIt() {
    assertBroken(ArchitectureRules.CORE_KNOWS_NO_HTTP, CoreOverHttp.class)
        .contains("CoreOverHttp").contains("org.eclipse.jetty.server.Request");
  }

  @Test
  void coreKnowsNoJdbc_whenCoreHoldsAConnection_namesIt() {
    assertBroken(ArchitectureRules.CORE_KNOWS_NO_JDBC, CoreOverJdbc.class)
        .contains("CoreOverJdbc").contains("java.sql.Connection");
  }

  @Test
  void storeKnowsNoHttp_whenStoreUsesJetty_namesIt() {
    assertBroken(ArchitectureRules.STORE_KNOWS_NO_HTTP, StoreOverHttp.class)
        .contains("StoreOverHttp").contains("org.eclipse.jetty.server.Request");
  }

  @Test
  void onlyFrontDoorsUseServer_whenCoreUsesAServerType_namesIt() {
    assertBroken(ArchitectureRules.ONLY_FRONT_DOORS_USE_SERVER, CoreIntoServer.class)
        .contains("CoreIntoServer").contains("dev.portcullis.server.ServerConfig");
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertBroken(ArchRule rule,
      Class<?>... fixtures) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixtures));
    assertThat(result.hasViolation()).as("violation of " + rule.getDescription()).isTrue();
    return assertThat(result.getFailureReport().toString());
  }
}
