package dev.portcullis.iam.account;

import dev.portcullis.iam.credentials.AccessKeyOperations;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.policies.ManagedPolicyOperations;
import dev.portcullis.iam.policies.PolicyVersionOperations;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.policy.PolicySizeQuota;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of GetAccountSummary: how many of each entity the account holds, read from the
 * store, and AWS's default quotas. Every key of the model's {@code summaryKeyType} is present.
 */
public final class AccountSummary {
  // AWS's default IAM quotas (IAM and AWS STS quotas, IAM User Guide).
  public static final int USERS_QUOTA = 5000;
  public static final int GROUPS_QUOTA = 300;
  public static final int ROLES_QUOTA = 1000;
  public static final int POLICIES_QUOTA = ManagedPolicyOperations.POLICIES_QUOTA;
  public static final int INSTANCE_PROFILES_QUOTA = 1000;
  public static final int SERVER_CERTIFICATES_QUOTA = 20;
  public static final int GROUPS_PER_USER_QUOTA = 10;
  public static final int SIGNING_CERTIFICATES_PER_USER_QUOTA = 2;
  public static final int ATTACHED_POLICIES_PER_ENTITY_QUOTA = PrincipalKind.MAX_ATTACHED_POLICIES;
  public static final int VERSIONS_PER_POLICY_QUOTA = PolicyVersionOperations.MAX_VERSIONS;
  public static final int POLICY_VERSIONS_IN_USE_QUOTA = 10000;
  /** Sizes in non-whitespace characters: managed policies, inline policies per entity, trust. */
  public static final int POLICY_SIZE_QUOTA = PolicySizeQuota.MANAGED_POLICY.limit();
  public static final int USER_POLICY_SIZE_QUOTA = PolicySizeQuota.USER_INLINE_POLICIES.limit();
  public static final int GROUP_POLICY_SIZE_QUOTA =
      PolicySizeQuota.GROUP_INLINE_POLICIES.limit();
  public static final int ROLE_POLICY_SIZE_QUOTA = PolicySizeQuota.ROLE_INLINE_POLICIES.limit();
  public static final int ASSUME_ROLE_POLICY_SIZE_QUOTA = 2048;
  /** Version 1 tokens from the global STS endpoint: AWS's default. */
  public static final int GLOBAL_ENDPOINT_TOKEN_VERSION = 1;

  private AccountSummary() {}

  /** The SummaryMap of an account, in the model's key order. */
  public static Map<String, Integer> of(StoreTx tx, String accountId) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("Users", tx.users().count(accountId));
    m.put("UsersQuota", USERS_QUOTA);
    m.put("Groups", tx.groups().count(accountId));
    m.put("GroupsQuota", GROUPS_QUOTA);
    m.put("ServerCertificates", 0); // not yet in Portcullis: wire the server certificate count
    m.put("ServerCertificatesQuota", SERVER_CERTIFICATES_QUOTA);
    m.put("UserPolicySizeQuota", USER_POLICY_SIZE_QUOTA);
    m.put("GroupPolicySizeQuota", GROUP_POLICY_SIZE_QUOTA);
    m.put("GroupsPerUserQuota", GROUPS_PER_USER_QUOTA);
    m.put("SigningCertificatesPerUserQuota", SIGNING_CERTIFICATES_PER_USER_QUOTA);
    m.put("AccessKeysPerUserQuota", AccessKeyOperations.MAX_KEYS_PER_USER);
    // A passkey is always in use: it exists only as some identity's MFA device.
    int passkeys = tx.passkeys().countForAccount(accountId);
    m.put("MFADevices", tx.mfaDevices().count(accountId) + passkeys);
    m.put("MFADevicesInUse", tx.mfaDevices().countAssigned(accountId) + passkeys);
    // The four Account* flags describe the root user (its devices and keys are owned by the
    // account id); Portcullis gives it no signing certificate.
    m.put("AccountMFAEnabled", tx.mfaDevices().listForUser(accountId, accountId).isEmpty()
        && tx.passkeys().countForOwner(accountId, accountId) == 0 ? 0 : 1);
    m.put("AccountAccessKeysPresent",
        tx.accessKeys().listForUser(accountId, accountId).isEmpty() ? 0 : 1);
    m.put("AccountPasswordPresent", tx.rootUser().find(accountId).isPresent() ? 1 : 0);
    m.put("AccountSigningCertificatesPresent", 0);
    m.put("AttachedPoliciesPerGroupQuota", ATTACHED_POLICIES_PER_ENTITY_QUOTA);
    m.put("AttachedPoliciesPerRoleQuota", ATTACHED_POLICIES_PER_ENTITY_QUOTA);
    m.put("AttachedPoliciesPerUserQuota", ATTACHED_POLICIES_PER_ENTITY_QUOTA);
    m.put("Policies", tx.policies().count(accountId));
    m.put("PoliciesQuota", POLICIES_QUOTA);
    m.put("PolicySizeQuota", POLICY_SIZE_QUOTA);
    // Every attachment of a managed policy puts its default version in use.
    m.put("PolicyVersionsInUse", tx.attachments().attachmentCounts(accountId).values().stream()
        .mapToInt(Integer::intValue).sum());
    m.put("PolicyVersionsInUseQuota", POLICY_VERSIONS_IN_USE_QUOTA);
    m.put("VersionsPerPolicyQuota", VERSIONS_PER_POLICY_QUOTA);
    m.put("GlobalEndpointTokenVersion", GLOBAL_ENDPOINT_TOKEN_VERSION);
    m.put("AssumeRolePolicySizeQuota", ASSUME_ROLE_POLICY_SIZE_QUOTA);
    m.put("InstanceProfiles", tx.instanceProfiles().count(accountId));
    m.put("InstanceProfilesQuota", INSTANCE_PROFILES_QUOTA);
    m.put("Providers", 0); // not yet in Portcullis: wire the SAML + OpenID Connect providers
    m.put("RolePolicySizeQuota", ROLE_POLICY_SIZE_QUOTA);
    m.put("Roles", tx.roles().count(accountId));
    m.put("RolesQuota", ROLES_QUOTA);
    return m;
  }
}
