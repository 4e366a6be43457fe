package dev.portcullis.store;

import dev.portcullis.iam.store.AccessKeyStore;
import dev.portcullis.iam.store.AccountStore;
import dev.portcullis.iam.store.AttachmentStore;
import dev.portcullis.iam.store.AuditDigestStore;
import dev.portcullis.iam.store.AuditStore;
import dev.portcullis.iam.store.GroupStore;
import dev.portcullis.iam.store.InlinePolicyStore;
import dev.portcullis.iam.store.InstallationStore;
import dev.portcullis.iam.store.InstanceProfileStore;
import dev.portcullis.iam.store.LoginProfileStore;
import dev.portcullis.iam.store.MfaDeviceStore;
import dev.portcullis.iam.store.PasskeyStore;
import dev.portcullis.iam.store.PasswordPolicyStore;
import dev.portcullis.iam.store.PolicyStore;
import dev.portcullis.iam.store.RoleStore;
import dev.portcullis.iam.store.SessionStore;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.iam.store.TagStore;
import dev.portcullis.iam.store.UserStore;

/** The repositories of one JDBC transaction. */
final class JdbcTx implements StoreTx {
  private final Sql sql;

  JdbcTx(Sql sql) {
    this.sql = sql;
  }

  @Override
  public AccountStore accounts() {
    return new JdbcAccounts(sql);
  }

  @Override
  public UserStore users() {
    return new JdbcUsers(sql);
  }

  @Override
  public TagStore tags() {
    return new JdbcTags(sql);
  }

  @Override
  public AccessKeyStore accessKeys() {
    return new JdbcAccessKeys(sql);
  }

  @Override
  public GroupStore groups() {
    return new JdbcGroups(sql);
  }

  @Override
  public RoleStore roles() {
    return new JdbcRoles(sql);
  }

  @Override
  public LoginProfileStore loginProfiles() {
    return new JdbcLoginProfiles(sql);
  }

  @Override
  public PasswordPolicyStore passwordPolicies() {
    return new JdbcPasswordPolicies(sql);
  }

  @Override
  public InstanceProfileStore instanceProfiles() {
    return new JdbcInstanceProfiles(sql);
  }

  @Override
  public PolicyStore policies() {
    return new JdbcPolicies(sql);
  }

  @Override
  public AttachmentStore attachments() {
    return new JdbcAttachments(sql);
  }

  @Override
  public InlinePolicyStore inlinePolicies() {
    return new JdbcInlinePolicies(sql);
  }

  @Override
  public SessionStore sessions() {
    return new JdbcSessions(sql);
  }

  @Override
  public MfaDeviceStore mfaDevices() {
    return new JdbcMfaDevices(sql);
  }

  @Override
  public PasskeyStore passkeys() {
    return new JdbcPasskeys(sql);
  }

  @Override
  public dev.portcullis.iam.store.RootUserStore rootUser() {
    return new JdbcRootUsers(sql);
  }

  @Override
  public dev.portcullis.iam.store.ConsoleSessionStore consoleSessions() {
    return new JdbcConsoleSessions(sql);
  }

  @Override
  public dev.portcullis.iam.store.SignInCounterStore signInCounters() {
    return new JdbcSignInCounters(sql);
  }

  @Override
  public InstallationStore installation() {
    return new JdbcInstallation(sql);
  }

  @Override
  public AuditStore audit() {
    return new JdbcAuditEvents(sql);
  }

  @Override
  public AuditDigestStore auditDigests() {
    return new JdbcAuditDigests(sql);
  }
}
