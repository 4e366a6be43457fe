package dev.portcullis.iam.credentials;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.identities.Lookups;
import dev.portcullis.iam.identities.UserOperations;
import dev.portcullis.iam.mfa.Base32;
import dev.portcullis.iam.mfa.MfaDeviceCount;
import dev.portcullis.iam.mfa.MfaDevices;
import dev.portcullis.iam.mfa.OtpAuthQr;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.iam.tags.ResourceTags;
import dev.portcullis.iam.tags.Tagging;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Virtual MFA devices: create, enable, resync, deactivate, delete, list and get (tags: TagOperations). */
public final class MfaDeviceOperations {
  private static final ResourceTags TAGS = ResourceTags.of(TaggedKind.MFA_DEVICE);
  private static final int MAX_SERIAL_LENGTH = 256;
  private final IamContext ctx;

  public MfaDeviceOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreateVirtualMFADevice", this::create)
        .register("EnableMFADevice", this::enable)
        .register("ResyncMFADevice", this::resync)
        .register("DeactivateMFADevice", this::deactivate)
        .register("DeleteVirtualMFADevice", this::delete)
        .register("GetMFADevice", this::get)
        .register("ListMFADevices", this::listForUser)
        .register("ListVirtualMFADevices", this::listVirtual);
  }

  /** The only response that ever carries the seed, as base32 text and inside the QR code. */
  private Struct create(Caller caller, Struct in) {
    String name = in.string("VirtualMFADeviceName");
    String path = in.string("Path", "/");
    List<Tag> tags = Tagging.fromInput(in);
    TAGS.checkQuota(tags);
    String serial = Arn.of(caller.accountId(), "mfa", path, name);
    if (serial.length() > MAX_SERIAL_LENGTH) {
      throw AwsException.of(ErrorCode.INVALID_INPUT, "The serial number of a virtual MFA "
          + "device (its ARN) must not exceed %d characters.", MAX_SERIAL_LENGTH);
    }
    byte[] seed = MfaDevices.newSeed();
    String base32 = Base32.encode(seed);
    byte[] qr = OtpAuthQr.png(OtpAuthQr.uri(name, caller.accountId(), base32));
    return ctx.store().write(tx -> {
      if (tx.mfaDevices().find(caller.accountId(), serial).isPresent()) {
        throw new AwsException(ErrorCode.ENTITY_ALREADY_EXISTS,
            "MFADevice entity at the same path and name already exists.");
      }
      tx.mfaDevices().insert(new MfaDevice(caller.accountId(), serial, name, path,
          MfaDevices.seal(ctx, seed, serial), ctx.clock().instant(), null, null, null, 0));
      TAGS.set(tx, caller.accountId(), serial, tags);
      return Struct.of("VirtualMFADevice", Struct.builder().put("SerialNumber", serial)
          .put("Base32StringSeed", base32.getBytes(StandardCharsets.US_ASCII))
          .put("QRCodePNG", qr)
          .put("Tags", tags.isEmpty() ? null : Tagging.toWire(tags)).build());
    });
  }

  private Struct enable(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      // Found in the write, the user's row is locked: concurrent enables for one user queue, so
      // the count below holds until this one commits.
      User user = Lookups.requireUser(tx, caller.accountId(), in.string("UserName"));
      assignWithinQuota(ctx, tx, user.accountId(), user.userId(), in.string("SerialNumber"),
          in.string("AuthenticationCode1"), in.string("AuthenticationCode2"));
      return Struct.empty();
    });
  }

  /**
   * Enables the device {@code serial} for the principal {@code ownerId} (an IAM user's id, or
   * the account id for the root user) with two consecutive codes, within AWS's quota of {@value
   * MfaDevices#MAX_DEVICES_PER_USER} devices per principal, any mix. The caller holds the
   * owner's row lock in {@code tx} (the user's, or root's: {@code tx.rootUser().find}), so two
   * enables cannot both pass the count.
   */
  public static void assignWithinQuota(IamContext ctx, StoreTx tx, String accountId,
      String ownerId, String serial, String code1, String code2) {
    MfaDevice device = tx.mfaDevices().find(accountId, serial)
        .orElseThrow(() -> noSuchDevice(serial));
    if (device.assigned()) {
      throw new AwsException(ErrorCode.ENTITY_ALREADY_EXISTS, "MFA Device is already in use.");
    }
    MfaDeviceCount.requireRoomForOneMore(tx, accountId, ownerId);
    long step = codesOrThrow(MfaDevices.enablingStep(ctx, device, code1, code2));
    tx.mfaDevices().assign(accountId, device.serialNumber(), ownerId, ctx.clock().instant(),
        step);
  }

  /** Deactivates and deletes every MFA device of the root user ({@code portcullis root reset}). */
  public static int removeRootDevices(StoreTx tx, String accountId) {
    List<MfaDevice> devices = tx.mfaDevices().listForUser(accountId, accountId);
    for (MfaDevice d : devices) {
      tx.mfaDevices().unassign(accountId, d.serialNumber());
      TAGS.deleteAll(tx, accountId, d.serialNumber());
      tx.mfaDevices().delete(accountId, d.serialNumber());
    }
    List<Passkey> passkeys = tx.passkeys().listForOwner(accountId, accountId);
    for (Passkey p : passkeys) {
      tx.passkeys().delete(accountId, p.serialNumber());
    }
    return devices.size() + passkeys.size();
  }

  private Struct resync(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      User user = Lookups.requireUser(tx, caller.accountId(), in.string("UserName"));
      MfaDevice device = requireEnabledFor(tx, caller, new Owner(user.userId(), user.name()),
          in.string("SerialNumber"));
      long step = codesOrThrow(MfaDevices.resyncStep(ctx, device,
          in.string("AuthenticationCode1"), in.string("AuthenticationCode2")));
      tx.mfaDevices().recordUse(caller.accountId(), device.serialNumber(), step,
          MfaDevices.driftAt(ctx, step));
      return Struct.empty();
    });
  }

  private Struct deactivate(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      Owner owner = owner(tx, caller, in);
      String serial = in.string("SerialNumber");
      Optional<Passkey> passkey = passkeyOf(tx, caller, owner, serial);
      if (passkey.isPresent()) {
        // A passkey has no unassigned state to return to: deactivating it removes it, as AWS
        // removes a FIDO security key.
        tx.passkeys().delete(caller.accountId(), passkey.get().serialNumber());
        return Struct.empty();
      }
      MfaDevice device = requireEnabledFor(tx, caller, owner, serial);
      tx.mfaDevices().unassign(caller.accountId(), device.serialNumber());
      return Struct.empty();
    });
  }

  private Struct delete(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      MfaDevice device = requireDevice(tx, caller, in.string("SerialNumber"));
      if (device.assigned()) {
        throw new AwsException(ErrorCode.DELETE_CONFLICT, "MFA Device is still in use");
      }
      TAGS.deleteAll(tx, caller.accountId(), device.serialNumber());
      tx.mfaDevices().delete(caller.accountId(), device.serialNumber());
      return Struct.empty();
    });
  }

  private Struct get(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      Owner user = owner(tx, caller, in);
      Optional<Passkey> passkey = passkeyOf(tx, caller, user, in.string("SerialNumber"));
      if (passkey.isPresent()) {
        // No Certifications: they come from the FIDO Metadata Service, which Portcullis does
        // not consult (and "none" attestation names no certified model).
        return Struct.of("UserName", user.name(), "SerialNumber", passkey.get().serialNumber(),
            "EnableDate", passkey.get().createdAt());
      }
      MfaDevice device = requireEnabledFor(tx, caller, user, in.string("SerialNumber"));
      return Struct.of("UserName", user.name(), "SerialNumber", device.serialNumber(),
          "EnableDate", device.enabledAt());
    });
  }

  private Struct listForUser(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      Owner user = owner(tx, caller, in);
      // Virtual devices and passkeys together, as AWS lists every kind (its passkeys and
      // security keys under u2f serial numbers), in the order they were enabled.
      List<EnabledDevice> devices = new ArrayList<>();
      tx.mfaDevices().listForUser(caller.accountId(), user.id()).forEach(d ->
          devices.add(new EnabledDevice(d.serialNumber(), d.enabledAt())));
      tx.passkeys().listForOwner(caller.accountId(), user.id()).forEach(p ->
          devices.add(new EnabledDevice(p.serialNumber(), p.createdAt())));
      devices.sort(Comparator.comparing(EnabledDevice::enableDate)
          .thenComparing(EnabledDevice::serialNumber));
      return Page.of(devices, in).into(Struct.builder(), "MFADevices", d -> Struct.of(
          "UserName", user.name(), "SerialNumber", d.serialNumber(),
          "EnableDate", d.enableDate())).build();
    });
  }

  private Struct listVirtual(Caller caller, Struct in) {
    String status = in.string("AssignmentStatus", "Any");
    return ctx.store().read(tx -> {
      List<MfaDevice> devices = tx.mfaDevices().list(caller.accountId()).stream()
          .filter(d -> status.equals("Any") || d.assigned() == status.equals("Assigned"))
          .toList();
      return Page.of(devices, in).into(Struct.builder(), "VirtualMFADevices",
          d -> virtualDevice(tx, d)).build();
    });
  }

  /** A device of a listing: never its seed or QR code, which only the create response holds. */
  private static Struct virtualDevice(StoreTx tx, MfaDevice d) {
    Struct.Builder b = Struct.builder().put("SerialNumber", d.serialNumber());
    if (d.assigned() && d.userId().equals(d.accountId())) {
      // Root's device: IAM lists root as its User (ARN ...:root, the account id as its id).
      tx.rootUser().find(d.accountId()).ifPresent(root -> b.put("User", Struct.of("Path", "/",
          "UserId", d.accountId(), "Arn", Arn.root(d.accountId()),
          "CreateDate", root.createdAt())));
      b.put("EnableDate", d.enabledAt());
    } else if (d.assigned()) {
      tx.users().findById(d.accountId(), d.userId()).ifPresent(u ->
          b.put("User", UserOperations.UserShapes.user(u, List.of())));
      b.put("EnableDate", d.enabledAt());
    }
    return b.build();
  }

  /**
   * Whose devices a call acts on: the named user, or the caller when the request names none:
   * the calling user, or the root user, whose devices are owned by the account id.
   */
  private record Owner(String id, String name) {}

  /** A device of ListMFADevices: a virtual device or a passkey. */
  private record EnabledDevice(String serialNumber, Instant enableDate) {}

  /** The owner's passkey of {@code serial}; another identity's is as unknown as none. */
  private static Optional<Passkey> passkeyOf(StoreTx tx, Caller caller, Owner owner,
      String serial) {
    return tx.passkeys().findBySerial(caller.accountId(), serial)
        .filter(p -> p.ownerId().equals(owner.id()));
  }

  private static Owner owner(StoreTx tx, Caller caller, Struct in) {
    String name = in.string("UserName");
    if (name == null && caller instanceof Caller.Root) {
      return new Owner(caller.accountId(), AccessKeyOperations.ROOT_NAME);
    }
    User user = Lookups.requireUser(tx, caller.accountId(),
        name != null ? name : Lookups.callerUserName(caller));
    return new Owner(user.userId(), user.name());
  }

  public static MfaDevice requireDevice(StoreTx tx, Caller caller, String serial) {
    return tx.mfaDevices().find(caller.accountId(), serial)
        .orElseThrow(() -> noSuchDevice(serial));
  }

  /** A device enabled for {@code user}; another user's device is as unknown as a missing one. */
  private static MfaDevice requireEnabledFor(StoreTx tx, Caller caller, Owner user,
      String serial) {
    return tx.mfaDevices().find(caller.accountId(), serial)
        .filter(d -> user.id().equals(d.userId()))
        .orElseThrow(() -> noSuchDevice(serial));
  }

  private static long codesOrThrow(OptionalLong step) {
    return step.orElseThrow(() -> new AwsException(ErrorCode.INVALID_AUTHENTICATION_CODE,
        "Authentication code for device is not valid."));
  }

  private static AwsException noSuchDevice(String serial) {
    return AwsException.of(ErrorCode.NO_SUCH_ENTITY,
        "VirtualMFADevice with serial number %s doesn't exist.", serial);
  }
}
