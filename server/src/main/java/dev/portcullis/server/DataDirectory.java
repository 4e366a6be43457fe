package dev.portcullis.server;

import com.sun.security.auth.module.UnixSystem;
import dev.portcullis.server.tls.PemFiles;
import dev.portcullis.server.tls.SelfSignedCertificate;
import dev.portcullis.server.tls.TlsIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The server's data directory: the SQLite database, the master key, the bootstrap credentials,
 * the container-credentials token and a self-signed TLS certificate. The directory is kept
 * readable by its owner only (0700, files 0600), on every start and whatever changed it since.
 */
public final class DataDirectory {
  private static final String MASTER_KEY = "master.key";
  private static final String CREDENTIALS = "credentials";
  private static final String ROOT_PASSWORD = "root-password";
  private static final String CONTAINER_TOKEN = "container-credentials-token";
  private static final String TLS_CERTIFICATE = "tls-self-signed-cert.pem";
  private static final String TLS_KEY = "tls-self-signed-key.pem";
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
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

  /** Where a generated root password is written, once (0600). */
  public Path rootPasswordFile() {
    return root.resolve(ROOT_PASSWORD);
  }

  /**
   * Writes a generated root password to {@link #rootPasswordFile}, created 0600 in one step and
   * never over an existing file (the one written earlier stays what it was).
   */
  public void writeRootPassword(String password) {
    try {
      writeSecret(rootPasswordFile(), password + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + rootPasswordFile(), e);
    }
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

  /** The self-signed certificate, which clients are given to trust (e.g. --ca-bundle). */
  public Path tlsCertificateFile() {
    return root.resolve(TLS_CERTIFICATE);
  }

  /**
   * Creates the directory when missing, then makes it and everything in it private: a mode
   * loosened by hand or by another tool since the last start is narrowed again.
   */
  public void create() {
    try {
      if (!Files.exists(root)) {
        Files.createDirectories(root.getParent() == null ? root : root.getParent());
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + root, e);
    }
    makePrivate();
  }

  /**
   * Creates the SQLite database file empty and private before SQLite opens it: SQLite would
   * create it with the process umask, and it creates the -wal and -shm files with the mode of
   * the database file, so those are private from the start too.
   */
  public void prepareDatabaseFile() {
    try {
      Files.createFile(database(), PosixFilePermissions.asFileAttribute(OWNER_FILE));
    } catch (FileAlreadyExistsException e) {
      // An existing database was made private by create().
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + database(), e);
    }
  }

  /**
   * Sets the directory (the one it links to, if a link) and directories in it to 0700 and every
   * file in it to 0600.
   */
  public void makePrivate() {
    if (!root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      // The directory itself may be a link (to a larger disk, say): its target is the data
      // directory. Links inside it are never followed.
      Files.walkFileTree(root.toRealPath(), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
            throws IOException {
          requireOwnedBySelf(dir);
          Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
            throws IOException {
          // Symbolic links are not followed: their target is not the data directory's.
          if (attrs.isRegularFile()) {
            requireOwnedBySelf(file);
            Files.setPosixFilePermissions(file, OWNER_FILE);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the data directory " + root + " private "
          + "(is it owned by another user?)", e);
    }
  }

  /**
   * Refuses a directory or file of the data directory owned by another user. Its owner keeps
   * every right whatever its mode (a process running as root may change the mode of anyone's
   * file): the owner of a data directory could replace the master key, the credentials or the
   * TLS key the server then uses.
   */
  private static void requireOwnedBySelf(Path path) throws IOException {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    long owner = ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .longValue();
    long self = new UnixSystem().getUid();
    if (owner != self) {
      throw new IllegalStateException(path + " in the data directory is owned by uid " + owner
          + ", not by the user running Portcullis (uid " + self + "): give the server a data "
          + "directory of its own");
    }
  }

  /**
   * The self-signed TLS identity kept in the directory: created on first use for a server on
   * {@code host}, the same one on every later start.
   */
  public TlsIdentity selfSignedTls(String host) {
    Path key = root.resolve(TLS_KEY);
    try {
      if (!Files.exists(key) || !Files.exists(tlsCertificateFile())) {
        TlsIdentity created = SelfSignedCertificate.create(host);
        Files.deleteIfExists(key);
        Files.deleteIfExists(tlsCertificateFile());
        writeSecret(key, PemFiles.pem(created.key()));
        writeSecret(tlsCertificateFile(), PemFiles.pem(created.certificate()));
      }
      return PemFiles.read(tlsCertificateFile(), key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the self-signed certificate in " + root, e);
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the master key " + file, e);
    }
    return existingMasterKey().orElseThrow();
  }

  /**
   * The directory's {@code master.key} if it has one, never creating it: what versions before
   * the key hierarchy sealed secrets under.
   */
  public Optional<byte[]> existingMasterKey() {
    Path file = root.resolve(MASTER_KEY);
    return Files.exists(file) ? Optional.of(MasterKey.fromFile(file).bytes()) : Optional.empty();
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
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " already exists", e);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
