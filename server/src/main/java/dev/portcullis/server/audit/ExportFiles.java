package dev.portcullis.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The files of an audit export: private (directories 0700, files 0600), gzip'd where AWS's are. */
final class ExportFiles {
  private ExportFiles() {}

  static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    createPrivateDirectories(dir.toAbsolutePath().getParent());
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      return;
    }
    if (posix(dir)) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** A new private file under {@code root}; its directories made private as they are made. */
  static OutputStream create(Path root, String relative) throws IOException {
    Path file = root.resolve(relative);
    createPrivateDirectories(file.getParent());
    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    if (posix(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return out;
  }

  static OutputStream createGzip(Path root, String relative) throws IOException {
    return new GZIPOutputStream(create(root, relative), 64 * 1024);
  }

  static void write(Path root, String relative, byte[] bytes) throws IOException {
    try (OutputStream out = create(root, relative)) {
      out.write(bytes);
    }
  }

  /** The inflated bytes of a gzip file. */
  static byte[] readGzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
