package dev.portcullis.iam.store;

/** The repositories of one transaction; all share its connection. */
public interface StoreTx {
  AccountStore accounts();

  UserStore users();

  TagStore tags();

  AccessKeyStore accessKeys();

  GroupStore groups();

  RoleStore roles();

  LoginProfileStore loginProfiles();

  PasswordPolicyStore passwordPolicies();

  InstanceProfileStore instanceProfiles();

  PolicyStore policies();

  AttachmentStore attachments();

  InlinePolicyStore inlinePolicies();

  SessionStore sessions();

  MfaDeviceStore mfaDevices();

  /** Passkeys registered as MFA devices (V097). */
  PasskeyStore passkeys();

  /** The account's root user (V095, branch root). */
  RootUserStore rootUser();

  InstallationStore installation();

  /** Console sessions (V096). */
  ConsoleSessionStore consoleSessions();

  /** Failed console sign-ins, for throttling and lockout (V096). */
  SignInCounterStore signInCounters();

  AuditStore audit();

  AuditDigestStore auditDigests();
}
