package dev.portcullis.iam.authz;

import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.catalog.ManagedPolicies;
import dev.portcullis.iam.store.Freshness;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.policy.PolicyDocument;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import dev.portcullis.policy.evaluation.CompiledPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The in-memory view of the identity graph that authorization reads: principals' compiled
 * policies and the facts of the resources they act on. An entry is read from the store once and
 * then served from memory while the store's generation has not moved since it was loaded (no
 * write on this node, no change heard of from another node), and for at most the store's
 * staleness bound (see {@link Freshness}), so a policy change takes effect on the next request.
 */
public final class AuthorizationSnapshot {
  private static final int MAX_ENTRIES = 50_000;
  private final Store store;
  private final Freshness freshness;
  private final IdentityPolicyLoader loader;
  private final PolicyLibrary library;
  private final ConcurrentHashMap<Object, Stamped> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Object, CompletableFuture<Stamped>> loading =
      new ConcurrentHashMap<>();

  private record Stamped(Object value, Freshness.Stamp loaded) {}

  private record FactsKey(String accountId, String type, String name) {}

  private record PermissionsKey(String accountId, String kind, String id) {}

  /** A user with its permissions. */
  public record UserPermissions(User user, IdentityPolicies policies) {}

  /** A role with its permissions, for evaluating its sessions' requests. */
  public record RolePermissions(Role role, IdentityPolicies policies) {}

  public AuthorizationSnapshot(Store store, Clock clock, PolicyLibrary library) {
    this.store = store;
    this.freshness = new Freshness(store, clock);
    this.library = library;
    this.loader = new IdentityPolicyLoader(library);
  }

  public PolicyLibrary library() {
    return library;
  }

  /** The user {@code userId} as it is now, with its policies; empty once the user is gone. */
  public Optional<UserPermissions> user(String accountId, String userId) {
    return cached(new PermissionsKey(accountId, "user", userId), tx -> tx.users()
        .findById(accountId, userId).map(u -> new UserPermissions(u, loader.forUser(tx, u))));
  }

  /** The role {@code roleId} and its policies; empty once the role is gone. */
  public Optional<RolePermissions> role(String accountId, String roleId) {
    return cached(new PermissionsKey(accountId, "role", roleId), tx -> tx.roles()
        .findById(accountId, roleId).map(r -> new RolePermissions(r, loader.forRole(tx, r))));
  }

  /**
   * Whether the account's password policy lets IAM users change their own password (and read
   * the password policy) without any policy granting it.
   */
  public boolean usersMayChangeTheirPassword(String accountId) {
    return this.<Boolean>cachedValue(new PermissionsKey(accountId, "password-policy", ""),
        tx -> tx.passwordPolicies().find(accountId)
            .map(p -> p.allowUsersToChangePassword()).orElse(false));
  }

  /** The session policies named by ARN, as they are now. */
  public List<AppliedPolicy> managedPolicies(String accountId, List<String> arns) {
    if (arns.isEmpty()) {
      return List.of();
    }
    return this.<List<AppliedPolicy>>cachedValue(
        new PermissionsKey(accountId, "managed", String.join(",", arns)),
        tx -> loader.managed(tx, accountId, arns));
  }

  /**
   * The name of the user of {@code accountId} who owns the access key {@code accessKeyId}; empty
   * when the account has no such key.
   */
  public Optional<String> accessKeyOwner(String accountId, String accessKeyId) {
    return cached(new FactsKey(accountId, "access-key", accessKeyId), tx -> tx.accessKeys()
        .find(accessKeyId).filter(k -> k.accountId().equals(accountId))
        .flatMap(k -> tx.users().findById(accountId, k.userId())).map(User::name));
  }

  /**
   * The facts of the resource of IAM resource type {@code type} (user, role, group, policy,
   * instance-profile) named {@code name} (a policy by its ARN); empty when it does not exist.
   */
  public Optional<ResourceFacts> resource(String accountId, String type, String name) {
    // Names are unique regardless of case, so any spelling finds the same entity; a policy is
    // named by its exact ARN, so its key must not fold case (another spelling finds nothing).
    String key = type.equals("policy") ? name : name.toLowerCase(java.util.Locale.ROOT);
    return cached(new FactsKey(accountId, type, key), tx -> load(tx, accountId, type, name));
  }

  private Optional<ResourceFacts> load(StoreTx tx, String accountId, String type, String name) {
    switch (type) {
      case "user":
        return tx.users().findByName(accountId, name).map(u -> facts(u.arn(),
            tx.tags().list(accountId, TaggedKind.USER, u.userId()), u.permissionsBoundary(),
            null));
      case "role":
        return tx.roles().findByName(accountId, name).map(r -> facts(r.arn(),
            tx.tags().list(accountId, TaggedKind.ROLE, r.roleId()), r.permissionsBoundary(),
            trust(tx, r)));
      case "group":
        return tx.groups().findByName(accountId, name).map(Group::arn)
            .map(arn -> facts(arn, List.of(), null, null));
      case "instance-profile":
        return tx.instanceProfiles().findByName(accountId, name).map(p -> facts(p.arn(),
            tx.tags().list(accountId, TaggedKind.INSTANCE_PROFILE, p.instanceProfileId()),
            null, null));
      case "policy":
        return Arn.parse(name).filter(a -> a.type().equals("policy")).isEmpty() ? Optional.empty()
            : ManagedPolicies.find(tx, accountId, name).map(p -> facts(p.arn(),
                p.awsManaged() ? List.of()
                    : tx.tags().list(accountId, TaggedKind.POLICY, p.policyId()), null, null));
      default:
        return Optional.empty();
    }
  }

  /** The role's trust policy as evaluated now, its principals resolved by unique id. */
  private AppliedPolicy trust(StoreTx tx, Role role) {
    String label = "role/" + role.name() + "/trust";
    String text = role.assumeRolePolicy();
    return PolicyParser.parse(text, PolicyKind.TRUST).parsed().map(written -> {
      PolicyDocument now = TrustPolicies.current(tx, role.accountId(), role.roleId(), written);
      CompiledPolicy compiled = now == written
          ? library.compile(text, label, PolicyKind.TRUST).orElseThrow()
          : CompiledPolicy.compile(now, label);
      return new AppliedPolicy(AppliedPolicy.Source.RESOURCE, "AssumeRolePolicy", role.name(),
          text, compiled);
    }).orElse(null);
  }

  private static ResourceFacts facts(String arn, List<Tag> tags,
      String boundary, AppliedPolicy trust) {
    return new ResourceFacts(arn, tags, Optional.ofNullable(boundary),
        Optional.ofNullable(trust));
  }

  private <T> Optional<T> cached(Object key, Function<StoreTx, Optional<T>> load) {
    return cachedValue(key, load);
  }

  @SuppressWarnings("unchecked")
  private <T> T cachedValue(Object key, Function<StoreTx, T> load) {
    Freshness.Stamp now = freshness.now();
    Stamped hit = entries.get(key);
    if (hit != null && freshness.fresh(hit.loaded(), now)) {
      return (T) hit.value();
    }
    // One load per key at a time: requests that find the same entry stale wait for it.
    CompletableFuture<Stamped> mine = new CompletableFuture<>();
    CompletableFuture<Stamped> running = loading.putIfAbsent(key, mine);
    if (running != null) {
      Stamped loaded = await(running);
      if (loaded.loaded().generation() == now.generation()) {
        return (T) loaded.value();
      }
      return (T) load(key, load, now, null).value();
    }
    try {
      Stamped loaded = load(key, load, now, mine);
      return (T) loaded.value();
    } finally {
      loading.remove(key, mine);
    }
  }

  private Stamped load(Object key, Function<StoreTx, ?> load, Freshness.Stamp now,
      CompletableFuture<Stamped> waiters) {
    Stamped loaded;
    try {
      // Stamped with the generation read before loading, so a write that races the load wins.
      loaded = new Stamped(store.read(load::apply), now);
    } catch (RuntimeException | Error e) {
      if (waiters != null) {
        waiters.completeExceptionally(e);
      }
      throw e;
    }
    if (entries.size() >= MAX_ENTRIES) {
      evictOldest();
    }
    entries.put(key, loaded);
    if (waiters != null) {
      waiters.complete(loaded);
    }
    return loaded;
  }

  /** The entry another request is loading; its failure is rethrown as it was thrown. */
  private static Stamped await(CompletableFuture<Stamped> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  /** Drops the least recently loaded tenth, so a full snapshot never empties at once. */
  private void evictOldest() {
    long[] times = entries.values().stream().mapToLong(e -> e.loaded().millis()).sorted()
        .toArray();
    if (times.length == 0) {
      return;
    }
    long cutoff = times[Math.min(times.length - 1, times.length / 10)];
    entries.values().removeIf(e -> e.loaded().millis() <= cutoff);
  }
}
