package dev.portcullis.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's data directory: the SQLite database, the master key, the bootstrap credentials
 * and the container-credentials token. Files holding secrets are created with mode 0600.
 */
public final class DataDirectory {
  private static final String MASTER_KEY = "master.key";
  private static final String CREDENTIALS = "credentials";
  private static final String CONTAINER_TOKEN = "container-credentials-token";
  private final Path root;

  public DataDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path database() {
    return root.resolve("portcullis.db");
  }

  public Path credentialsFile() {
    return root.resolve(CREDENTIALS);
  }

  /** The file workloads name in AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE. */
  public Path containerCredentialsTokenFile() {
    return root.resolve(CONTAINER_TOKEN);
  }

  /**
   * Replaces the container-credentials token file. No newline follows the token: botocore sends
   * the file's text as it is and refuses a token containing one.
   */
  public void writeContainerCredentialsToken(String token) {
    try {
      Files.deleteIfExists(containerCredentialsTokenFile());
      writeSecret(containerCredentialsTokenFile(), token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + containerCredentialsTokenFile(), e);
    }
  }

  /** Creates the directory, readable only by its owner when Portcullis creates it. */
  public void create() {
    try {
      if (!Files.exists(root)) {
        Files.createDirectories(root.getParent() == null ? root : root.getParent());
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + root, e);
    }
  }

  /** The default master key ({@code master.key}, 32 bytes), created on first use. */
  public byte[] masterKey() {
    Path file = root.resolve(MASTER_KEY);
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        writeSecret(file, Base64.getEncoder().encodeToString(key) + "\n");
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
      if (key.length != 32) {
        throw new IllegalStateException(file + " does not hold a 32-byte base64 key");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key " + file, e);
    }
  }

  /** Writes the bootstrap administrator's key in AWS CLI credentials-file format. */
  public void writeCredentials(String profile, String accessKeyId, String secret) {
    String text = "[" + profile + "]\naws_access_key_id = " + accessKeyId
        + "\naws_secret_access_key = " + secret + "\n";
    try {
      Files.deleteIfExists(credentialsFile());
      writeSecret(credentialsFile(), text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + credentialsFile(), e);
    }
  }

  /** Creates a file readable only by its owner, then writes it; never widens an existing one. */
  private static void writeSecret(Path file, String text) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " already exists", e);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
