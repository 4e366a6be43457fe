package dev.portcullis.iam.credentials;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.identities.Lookups;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;
import java.util.Optional;

/** Create, list, update and delete access keys, and GetAccessKeyLastUsed. */
public final class AccessKeyOperations {
  /** AWS's quota of access keys per user. */
  public static final int MAX_KEYS_PER_USER = 2;
  /** The UserName IAM gives the root user in access key metadata. */
  static final String ROOT_NAME = "root";
  private final IamContext ctx;
  private final KeyUsage usage;

  public AccessKeyOperations(IamContext ctx, KeyUsage usage) {
    this.ctx = ctx;
    this.usage = usage;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreateAccessKey", this::create)
        .register("ListAccessKeys", this::list)
        .register("UpdateAccessKey", this::update)
        .register("DeleteAccessKey", this::delete)
        .register("GetAccessKeyLastUsed", this::lastUsed);
  }

  /** Creates a key for a user; the only place the secret is ever returned. */
  public static Issued issue(IamContext ctx, StoreTx tx, User user) {
    return issue(ctx, tx, new KeyOwner(user.accountId(), user.userId(), user.name()));
  }

  private static Issued issue(IamContext ctx, StoreTx tx, KeyOwner owner) {
    if (tx.accessKeys().listForUser(owner.accountId(), owner.ownerId()).size()
        >= MAX_KEYS_PER_USER) {
      throw AwsException.of(ErrorCode.LIMIT_EXCEEDED,
          "Cannot exceed quota for AccessKeysPerUser: %d", MAX_KEYS_PER_USER);
    }
    String id = ctx.ids().accessKeyId(false);
    String secret = ctx.ids().secretAccessKey();
    AccessKey key = new AccessKey(owner.accountId(), id, owner.ownerId(),
        ctx.cipher().encrypt(secret, id), AccessKey.Status.Active, ctx.clock().instant(), null);
    tx.accessKeys().insert(key);
    return new Issued(key, secret);
  }

  /**
   * Whose keys a call acts on: an IAM user, or the root user, whose keys are owned by the
   * account id (as {@code Caller.Root.userId()} is) and named as IAM names root in a key's
   * metadata.
   */
  private record KeyOwner(String accountId, String ownerId, String name) {}

  /** A freshly created key with its secret in clear, to hand to the client once. */
  public record Issued(AccessKey key, String secret) {
    /** Never prints the secret, should this ever reach a log. */
    @Override
    public String toString() {
      return "Issued[" + key.accessKeyId() + "]";
    }
  }

  private Struct create(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      KeyOwner user = owner(tx, caller, in);
      if (user.ownerId().equals(caller.accountId()) && !ctx.rootAccessKeys().allowed()) {
        throw rootKeysDenied(caller);
      }
      Issued issued = issue(ctx, tx, user);
      return Struct.of("AccessKey", Struct.of("UserName", user.name(),
          "AccessKeyId", issued.key().accessKeyId(), "Status", "Active",
          "SecretAccessKey", issued.secret(), "CreateDate", issued.key().createdAt()));
    });
  }

  private Struct list(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      KeyOwner user = owner(tx, caller, in);
      List<AccessKey> keys = tx.accessKeys().listForUser(caller.accountId(), user.ownerId());
      return Page.of(keys, in).into(Struct.builder(), "AccessKeyMetadata", k -> Struct.of(
          "UserName", user.name(), "AccessKeyId", k.accessKeyId(),
          "Status", k.status().name(), "CreateDate", k.createdAt())).build();
    });
  }

  private Struct update(Caller caller, Struct in) {
    AccessKey.Status status = requestedStatus(in.string("Status"));
    return ctx.store().write(tx -> {
      AccessKey key = ownedKey(tx, caller, in);
      tx.accessKeys().setStatus(key.accessKeyId(), status);
      return Struct.empty();
    });
  }

  private Struct delete(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      AccessKey key = ownedKey(tx, caller, in);
      tx.accessKeys().delete(key.accessKeyId());
      usage.forget(key.accessKeyId());
      return Struct.empty();
    });
  }

  private Struct lastUsed(Caller caller, Struct in) {
    String id = in.string("AccessKeyId");
    return ctx.store().read(tx -> {
      // IAM answers a key the account does not have with AccessDenied, not NoSuchEntity (the
      // operation has no NoSuchEntity error), so even the root cannot probe for key ids.
      AccessKey key = tx.accessKeys().find(id)
          .filter(k -> k.accountId().equals(caller.accountId()))
          .orElseThrow(() -> AwsException.of(ErrorCode.ACCESS_DENIED,
              "User: %s is not authorized to perform: iam:GetAccessKeyLastUsed on resource: "
              + "access key %s", caller.principalArn(), id));
      Optional<User> user = tx.users().findById(caller.accountId(), key.userId());
      AccessKey.LastUsed used = usage.latest(key);
      Struct lastUsed = used == null
          ? Struct.of("ServiceName", "N/A", "Region", "N/A")
          : Struct.of("LastUsedDate", used.at(), "ServiceName", used.service(),
              "Region", used.region());
      return Struct.of("UserName", user.map(User::name).orElse(null),
          "AccessKeyLastUsed", lastUsed);
    });
  }

  /**
   * The named user or, when no name is given, the caller: the calling IAM user, or the root
   * user (its own keys, as in IAM: "If you do not specify a user name, IAM determines the user
   * name implicitly based on the Amazon Web Services access key ID signing the request").
   */
  private static KeyOwner owner(StoreTx tx, Caller caller, Struct in) {
    String name = in.string("UserName");
    if (name == null && caller instanceof Caller.Root) {
      return new KeyOwner(caller.accountId(), caller.accountId(), ROOT_NAME);
    }
    User user = Lookups.requireUser(tx, caller.accountId(),
        name != null ? name : Lookups.callerUserName(caller));
    return new KeyOwner(user.accountId(), user.userId(), user.name());
  }

  /**
   * Root asking for an access key while the operator does not allow them: answered as AWS
   * answers a call a service control policy denies (the IAM User Guide, "Troubleshoot access
   * denied error messages": "... with an explicit deny in a service control policy"), the
   * operator's --allow-root-access-keys being this server's organization-wide switch.
   */
  private static AwsException rootKeysDenied(Caller caller) {
    return AwsException.of(ErrorCode.ACCESS_DENIED, "User: %s is not authorized to perform: "
        + "iam:CreateAccessKey on resource: %s with an explicit deny in a service control "
        + "policy (this server does not allow root access keys: serve "
        + "--allow-root-access-keys)", caller.principalArn(), caller.principalArn());
  }

  private static AccessKey ownedKey(StoreTx tx, Caller caller, Struct in) {
    KeyOwner user = owner(tx, caller, in);
    String id = in.string("AccessKeyId");
    return tx.accessKeys().find(id)
        .filter(k -> k.accountId().equals(caller.accountId()) && k.userId().equals(user.ownerId()))
        .orElseThrow(() -> notFound(id));
  }

  /**
   * The model's statusType also lists Expired (shared with other credential kinds); an access
   * key can only be made Active or Inactive.
   */
  private static AccessKey.Status requestedStatus(String status) {
    for (AccessKey.Status s : AccessKey.Status.values()) {
      if (s.name().equals(status)) {
        return s;
      }
    }
    throw AwsException.of(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '%s' "
        + "at 'status' failed to satisfy constraint: Member must satisfy enum value set: "
        + "[Active, Inactive]", status);
  }

  private static AwsException notFound(String id) {
    return AwsException.of(ErrorCode.NO_SUCH_ENTITY,
        "The Access Key with id %s cannot be found", id);
  }
}
