package dev.portcullis.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The files of an audit export: private (directories 0700, files 0600), gzip'd where AWS's are. */
final class ExportFiles {
  /**
   * The most a log file may inflate to: it holds at most 1,000 events
   * (TrailLayout.EVENTS_PER_LOG_FILE) of a few kilobytes each, far below this.
   */
  static final long MAX_LOG_FILE = 256L << 20;
  /**
   * The most a digest may inflate to: it lists each event of its interval in about 130 bytes,
   * so this is some 8 million events (an hour at over 2,000 calls a second).
   */
  static final long MAX_DIGEST = 1L << 30;
  /** The most a signature or public key file may hold. */
  static final long MAX_SMALL = 64 * 1024;
  /** The most the manifest may hold: it names the log files no digest covers yet. */
  static final long MAX_MANIFEST = 64L << 20;

  private static final Set<PosixFilePermission> PRIVATE_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");

  private ExportFiles() {}

  static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    createPrivateDirectories(dir.toAbsolutePath().getParent());
    try {
      // Private from its creation: a chmod afterwards leaves a moment when others may open it.
      if (posix(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      return;
    }
  }

  /** A new private file under {@code root}; its directories made private as they are made. */
  static OutputStream create(Path root, String relative) throws IOException {
    Path file = root.resolve(relative);
    createPrivateDirectories(file.getParent());
    // Created with its mode (CREATE_NEW: never an existing file or a planted link), so it is
    // never readable by others, not even between its creation and a chmod.
    if (posix(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
      return Files.newOutputStream(file, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }
    return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  static OutputStream createGzip(Path root, String relative) throws IOException {
    return new GZIPOutputStream(create(root, relative), 64 * 1024);
  }

  static void write(Path root, String relative, byte[] bytes) throws IOException {
    try (OutputStream out = create(root, relative)) {
      out.write(bytes);
    }
  }

  /** The inflated bytes of a gzip file this program wrote (tests), at most {@link #MAX_DIGEST}. */
  static byte[] readGzip(Path file) throws IOException {
    return readGzip(file, MAX_DIGEST);
  }

  /**
   * The inflated bytes of the export's file {@code relative} (a name read from the export
   * itself), which must be a regular file inside {@code root} once every link is followed (a
   * hostile export cannot make the verifier read /dev/zero, a FIFO or another user's file),
   * refused (IOException) past {@code max} bytes: a few kilobytes of gzip inflate to gigabytes.
   */
  static byte[] readGzip(Path root, String relative, long max) throws IOException {
    return readGzip(inside(root, relative), max);
  }

  private static byte[] readGzip(Path file, long max) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return readAtMost(in, max, file);
    }
  }

  /** The text of the export's small file {@code relative} (a signature, a key). */
  static String readSmall(Path root, String relative) throws IOException {
    return readText(root, relative, MAX_SMALL);
  }

  /** The text of the export's file {@code relative}, checked and bounded as gzip files are. */
  static String readText(Path root, String relative, long max) throws IOException {
    try (InputStream in = Files.newInputStream(inside(root, relative))) {
      return new String(readAtMost(in, max, root.resolve(relative)),
          java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** {@code relative} under {@code root}, checked as {@link #readGzip(Path, String)} says. */
  static Path inside(Path root, String relative) throws IOException {
    Path base = root.toRealPath();
    Path named = base.resolve(relative).normalize();
    if (!named.startsWith(base)) {
      throw new IOException(relative + " leads outside the export");
    }
    Path real = named.toRealPath(); // NoSuchFileException when absent
    if (!real.startsWith(base) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(relative + " is not a regular file inside the export");
    }
    return real;
  }

  private static byte[] readAtMost(InputStream in, long max, Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > max) {
        throw new IOException(file.getFileName() + " is larger than " + max + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
