package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.Identity;
import dev.portcullis.iam.domain.PrincipalKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who uses which managed policy: attachments of policies to users, groups and roles, and the
 * users and roles that use a policy as their permissions boundary. Policies are named by ARN, so
 * that AWS managed policies, which are not stored, are attached the same way.
 */
public interface AttachmentStore {
  /** Attaches a policy; attaching an attached policy changes nothing. */
  void attach(String accountId, PrincipalKind kind, String principalId, String policyArn,
      Instant at);

  /** Detaches a policy; false when it was not attached. */
  boolean detach(PrincipalKind kind, String principalId, String policyArn);

  /** The ARNs of the policies attached to one identity, in the order they were attached. */
  List<String> attachedPolicies(PrincipalKind kind, String principalId);

  /** The identities a policy is attached to, ordered by kind, then by name. */
  List<Identity> attachedIdentities(String accountId, String policyArn);

  /** How many identities each attached policy of the account is attached to, by ARN. */
  Map<String, Integer> attachmentCounts(String accountId);

  /** The users and roles whose permissions boundary is the policy, ordered by kind and name. */
  List<Identity> boundaryHolders(String accountId, String policyArn);

  /** How many users and roles use each boundary policy of the account, by ARN. */
  Map<String, Integer> boundaryUsageCounts(String accountId);
}
