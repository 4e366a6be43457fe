package dev.portcullis.iam.authz;

import dev.portcullis.iam.catalog.ManagedPolicyCatalog;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.catalog.ManagedPolicies;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import dev.portcullis.policy.evaluation.CompiledPolicy;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Compiles policy documents once: a document is parsed and compiled the first time it is seen
 * and reused while its text is unchanged, so reloading an identity's policies after a write
 * costs only the reads.
 */
public final class PolicyLibrary {
  private static final int MAX_ENTRIES = 20_000;
  private final ConcurrentHashMap<Key, CompiledPolicy> compiled = new ConcurrentHashMap<>();
  private final Supplier<ManagedPolicyCatalog> catalog;

  private record Key(String label, String document, PolicyKind kind) {}

  public PolicyLibrary(Supplier<ManagedPolicyCatalog> catalog) {
    this.catalog = catalog;
  }

  /**
   * The compiled form of a stored or given document; empty if it does not parse (stored
   * policies always do: they were validated when written).
   */
  public Optional<CompiledPolicy> compile(String document, String label, PolicyKind kind) {
    Key key = new Key(label, document, kind);
    CompiledPolicy hit = compiled.get(key);
    if (hit != null) {
      return Optional.of(hit);
    }
    ParseResult parsed = PolicyParser.parse(document, kind);
    if (parsed.parsed().isEmpty()) {
      return Optional.empty();
    }
    if (compiled.size() >= MAX_ENTRIES) {
      compiled.clear();
    }
    CompiledPolicy fresh = CompiledPolicy.compile(parsed.parsed().get(), label);
    compiled.put(key, fresh);
    return Optional.of(fresh);
  }

  /** The default version of the managed policy {@code arn} as {@code accountId} sees it. */
  public Optional<AppliedPolicy> managed(StoreTx tx, String accountId, String arn) {
    Optional<ManagedPolicy> policy = ManagedPolicies.find(tx, accountId, arn);
    if (policy.isEmpty()) {
      return Optional.empty();
    }
    ManagedPolicy p = policy.get();
    Optional<String> document = p.awsManaged()
        ? catalog.get().defaultVersion(arn).map(v -> v.document())
        : tx.policies().version(accountId, p.policyId(), p.defaultVersionId())
            .map(v -> v.document());
    AppliedPolicy.Source source = p.awsManaged()
        ? AppliedPolicy.Source.AWS_MANAGED : AppliedPolicy.Source.CUSTOMER_MANAGED;
    return document.flatMap(doc -> compile(doc, arn, PolicyKind.MANAGED)
        .map(c -> new AppliedPolicy(source, arn, null, doc, c)));
  }
}
