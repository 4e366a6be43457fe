package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.iam.domain.Account;
import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.Identity;
import dev.portcullis.iam.domain.InlinePolicy;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with managed policies, attachments and inline policies, whatever the
 * database. Subclasses pick the database.
 */
abstract class PolicyStoreContractTest {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
  static final String AWS_ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  Store store;

  abstract Store openStore();

  @BeforeEach
  void open() {
    store = openStore();
    write(tx -> tx.accounts().create(new Account(ACCOUNT, NOW)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  void write(Consumer<StoreTx> work) {
    store.write(tx -> {
      work.accept(tx);
      return null;
    });
  }

  static ManagedPolicy policy(String id, String name) {
    return new ManagedPolicy(ACCOUNT, id, name, "/p/", "about " + name, "v1", NOW, NOW);
  }

  static PolicyVersion version(String policyId, String versionId, Instant at) {
    return new PolicyVersion(policyId, versionId, DOC, false, at);
  }

  @Test
  void policies_roundTripAndFindByNameIgnoresCase() {
    write(tx -> tx.policies().insert(policy("ANPA1", "Reader"), version("ANPA1", "v1", NOW)));

    ManagedPolicy found = store.read(tx -> tx.policies().findByName(ACCOUNT, "reader"))
        .orElseThrow();

    assertThat(found).isEqualTo(policy("ANPA1", "Reader"));
    assertThat(found.arn()).isEqualTo("arn:aws:iam::123456789012:policy/p/Reader");
    List<ManagedPolicy> underP = store.read(tx -> tx.policies().list(ACCOUNT, "/p/"));
    List<ManagedPolicy> underQ = store.read(tx -> tx.policies().list(ACCOUNT, "/q/"));
    assertThat(underP).hasSize(1);
    assertThat(underQ).isEmpty();
  }

  @Test
  void versions_areNumberedOnwards_listedNewestFirst_andOneIsTheDefault() {
    write(tx -> tx.policies().insert(policy("ANPA1", "P"), version("ANPA1", "v1", NOW)));
    Instant later = NOW.plusSeconds(60);
    write(tx -> {
      for (int i = 0; i < 10; i++) {
        String id = tx.policies().allocateVersionId(ACCOUNT, "ANPA1");
        tx.policies().insertVersion(ACCOUNT, version("ANPA1", id, later));
      }
      tx.policies().deleteVersion(ACCOUNT, "ANPA1", "v11");
      tx.policies().setDefaultVersion(ACCOUNT, "ANPA1", "v10");
    });

    String next = store.write(tx -> tx.policies().allocateVersionId(ACCOUNT, "ANPA1"));
    List<PolicyVersion> versions = store.read(tx -> tx.policies().versions(ACCOUNT, "ANPA1"));

    assertThat(next).isEqualTo("v12");
    assertThat(versions).extracting(PolicyVersion::versionId).startsWith("v10", "v9")
        .endsWith("v2", "v1").hasSize(10);
    assertThat(versions).filteredOn(PolicyVersion::isDefault).extracting(PolicyVersion::versionId)
        .containsExactly("v10");
    Instant updated = store.read(tx -> tx.policies().findByName(ACCOUNT, "P")).orElseThrow()
        .updatedAt();
    assertThat(updated).isEqualTo(later);
  }

  @Test
  void deletingAPolicy_removesItsVersions() {
    write(tx -> tx.policies().insert(policy("ANPA1", "P"), version("ANPA1", "v1", NOW)));

    write(tx -> tx.policies().delete(ACCOUNT, "ANPA1"));

    Optional<ManagedPolicy> gone = store.read(tx -> tx.policies().findByName(ACCOUNT, "P"));
    List<PolicyVersion> versions = store.read(tx -> tx.policies().versions(ACCOUNT, "ANPA1"));
    assertThat(gone).isEmpty();
    assertThat(versions).isEmpty();
    write(tx -> tx.policies().insert(policy("ANPA2", "P"), version("ANPA2", "v1", NOW)));
  }

  @Test
  void attachments_listIdentitiesOfEveryKind_andCountByArn() {
    write(tx -> {
      tx.users().insert(new User(ACCOUNT, "AIDA1", "bob", "/", NOW, AWS_ADMIN, null));
      tx.groups().insert(new Group(ACCOUNT, "AGPA1", "devs", "/", NOW));
      tx.roles().insert(new Role(ACCOUNT, "AROA1", "app", "/svc/", NOW, DOC, null, 3600,
          AWS_ADMIN, null));
      for (PrincipalKind kind : PrincipalKind.values()) {
        String id = Map.of(PrincipalKind.USER, "AIDA1", PrincipalKind.GROUP, "AGPA1",
            PrincipalKind.ROLE, "AROA1").get(kind);
        tx.attachments().attach(ACCOUNT, kind, id, AWS_ADMIN, NOW);
        tx.attachments().attach(ACCOUNT, kind, id, AWS_ADMIN, NOW);
      }
      tx.attachments().attach(ACCOUNT, PrincipalKind.USER, "AIDA1", "arn:x", NOW);
    });

    List<Identity> attached = store.read(tx -> tx.attachments().attachedIdentities(ACCOUNT,
        AWS_ADMIN));
    List<Identity> bounded = store.read(tx -> tx.attachments().boundaryHolders(ACCOUNT,
        AWS_ADMIN));

    assertThat(attached).extracting(Identity::kind, Identity::name).containsExactlyInAnyOrder(
        Tuple.tuple(PrincipalKind.USER, "bob"), Tuple.tuple(PrincipalKind.GROUP, "devs"),
        Tuple.tuple(PrincipalKind.ROLE, "app"));
    assertThat(bounded).extracting(Identity::id).containsExactlyInAnyOrder("AIDA1", "AROA1");
    Map<String, Integer> counts = store.read(tx -> tx.attachments().attachmentCounts(ACCOUNT));
    Map<String, Integer> boundaries = store.read(tx ->
        tx.attachments().boundaryUsageCounts(ACCOUNT));
    List<String> ofBob = store.read(tx ->
        tx.attachments().attachedPolicies(PrincipalKind.USER, "AIDA1"));
    boolean first = store.write(tx -> tx.attachments().detach(PrincipalKind.USER, "AIDA1",
        AWS_ADMIN));
    boolean again = store.write(tx -> tx.attachments().detach(PrincipalKind.USER, "AIDA1",
        AWS_ADMIN));
    assertThat(counts).containsEntry(AWS_ADMIN, 3).containsEntry("arn:x", 1);
    assertThat(boundaries).containsExactly(Map.entry(AWS_ADMIN, 2));
    assertThat(ofBob).containsExactly(AWS_ADMIN, "arn:x");
    assertThat(first).isTrue();
    assertThat(again).isFalse();
  }

  @Test
  void inlinePolicies_putReplacesByName_andListIsOrderedByName() {
    write(tx -> {
      tx.inlinePolicies().put(ACCOUNT, PrincipalKind.ROLE, "AROA1", new InlinePolicy("b", DOC));
      tx.inlinePolicies().put(ACCOUNT, PrincipalKind.ROLE, "AROA1", new InlinePolicy("a", "1"));
      tx.inlinePolicies().put(ACCOUNT, PrincipalKind.ROLE, "AROA1", new InlinePolicy("a", "2"));
      tx.inlinePolicies().put(ACCOUNT, PrincipalKind.USER, "AROA1", new InlinePolicy("c", "3"));
    });

    List<InlinePolicy> ofRole = store.read(tx ->
        tx.inlinePolicies().list(PrincipalKind.ROLE, "AROA1"));
    Optional<InlinePolicy> otherCase = store.read(tx ->
        tx.inlinePolicies().find(PrincipalKind.ROLE, "AROA1", "A"));
    boolean first = store.write(tx ->
        tx.inlinePolicies().delete(PrincipalKind.ROLE, "AROA1", "a"));
    boolean again = store.write(tx ->
        tx.inlinePolicies().delete(PrincipalKind.ROLE, "AROA1", "a"));
    assertThat(ofRole).containsExactly(new InlinePolicy("a", "2"), new InlinePolicy("b", DOC));
    assertThat(otherCase).isEmpty();
    assertThat(first).isTrue();
    assertThat(again).isFalse();
  }
}
