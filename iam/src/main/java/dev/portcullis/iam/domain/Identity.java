package dev.portcullis.iam.domain;

/** A user, group or role seen only as something policies attach to: kind, id, name, path. */
public record Identity(PrincipalKind kind, String accountId, String id, String name,
    String path) {

  public static Identity of(User u) {
    return new Identity(PrincipalKind.USER, u.accountId(), u.userId(), u.name(), u.path());
  }

  public static Identity of(Group g) {
    return new Identity(PrincipalKind.GROUP, g.accountId(), g.groupId(), g.name(), g.path());
  }

  public static Identity of(Role r) {
    return new Identity(PrincipalKind.ROLE, r.accountId(), r.roleId(), r.name(), r.path());
  }
}
