package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import java.util.List;
import java.util.Optional;

/**
 * Customer managed policies and their versions; names are unique per account regardless of case.
 * A policy's default version is recorded on the policy, so exactly one version is the default.
 */
public interface PolicyStore {
  /** Stores a new policy with its first version, which becomes the default. */
  void insert(ManagedPolicy policy, PolicyVersion firstVersion);

  Optional<ManagedPolicy> findByName(String accountId, String name);

  /** Policies whose path starts with {@code pathPrefix}, ordered by name. */
  List<ManagedPolicy> list(String accountId, String pathPrefix);

  /** Deletes a policy with all its versions. */
  void delete(String accountId, String policyId);

  /** The next unused version id of a policy (v2, v3, ...): IAM never reuses a version id. */
  String allocateVersionId(String accountId, String policyId);

  /** Adds a version; the policy's update date becomes the version's creation date. */
  void insertVersion(String accountId, PolicyVersion version);

  /** The versions of a policy, newest first. */
  List<PolicyVersion> versions(String accountId, String policyId);

  Optional<PolicyVersion> version(String accountId, String policyId, String versionId);

  void deleteVersion(String accountId, String policyId, String versionId);

  void setDefaultVersion(String accountId, String policyId, String versionId);

  int count(String accountId);
}
