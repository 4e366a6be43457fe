package dev.portcullis.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * The key-encryption key a node is given: it wraps the installation's data key, which is kept
 * in the database (see {@link KeyHierarchy}). Every node on one database must be given the same
 * one. Its text form is base64 of 32 random bytes. {@link #toString} never shows the key.
 */
public final class MasterKey {
  /** The environment variable a node may be given the key in. */
  public static final String ENVIRONMENT = "PORTCULLIS_MASTER_KEY";
  private static final int MAX_FILE_BYTES = 1024;
  private final byte[] key;
  private final String source;

  private MasterKey(byte[] key, String source) {
    this.key = key;
    this.source = source;
  }

  /**
   * The key a node is given: {@code --master-key-file} when given, else {@value #ENVIRONMENT}
   * when set, else {@code master.key} in the data directory, created on first start so that a
   * single node needs nothing.
   */
  public static MasterKey resolve(Path file, String environmentValue, DataDirectory dir) {
    if (file != null) {
      return fromFile(file);
    }
    if (environmentValue != null && !environmentValue.isBlank()) {
      return decode(environmentValue, ENVIRONMENT);
    }
    return new MasterKey(dir.masterKey(), dir.root().resolve("master.key").toString());
  }

  /** The key in {@code file}; fails with a message naming the file, never its content. */
  public static MasterKey fromFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      // A key file is 45 bytes or so: reading more than this is not reading a key file (say,
      // a device such as /dev/urandom, which never ends).
      byte[] text = in.readNBytes(MAX_FILE_BYTES + 1);
      return decode(text.length > MAX_FILE_BYTES ? ""
          : new String(text, StandardCharsets.US_ASCII), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the master key file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the master key file " + file + ": "
          + e.getMessage());
    }
  }

  private static MasterKey decode(String text, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(source
          + " does not hold a master key: base64 of 32 bytes (e.g. head -c 32 /dev/urandom "
          + "| base64)");
    }
    return new MasterKey(key, source);
  }

  /**
   * Whether a key file can be read by users other than its owner (group or other read bits),
   * which a master key file must not be.
   */
  public static boolean readableByOthers(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // not a POSIX file system: nothing to check
    }
  }

  /** A copy of the 32 key bytes. */
  byte[] bytes() {
    return Arrays.copyOf(key, key.length);
  }

  /** Where the key came from (a file name or the environment variable), for messages. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "MasterKey[" + source + "]";
  }
}
