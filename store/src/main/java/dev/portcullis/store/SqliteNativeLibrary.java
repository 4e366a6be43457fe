package dev.portcullis.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.OSInfo;

/**
 * Keeps SQLite's native library in a directory of Portcullis' own. Left to itself, the driver
 * copies it out of the jar into the temporary directory on every start (a quarter of start-up),
 * and leaves the copy behind when the process is killed.
 */
public final class SqliteNativeLibrary {
  private SqliteNativeLibrary() {}

  /**
   * Extracts the library for this platform into {@code dir} once, and points the driver at it.
   * Does nothing when the driver was already told where its library is, or on a platform the
   * jar has no library for (the driver then falls back to its own extraction).
   */
  public static void useDirectory(Path dir) {
    if (System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    String name = System.mapLibraryName("sqlitejdbc");
    String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
        + name;
    String version = org.sqlite.SQLiteJDBCLoader.getVersion();
    Path target = dir.resolve(version + "-" + name);
    try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        return;
      }
      if (!Files.exists(target)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "extract", ".so");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", target.getFileName().toString());
    } catch (IOException e) {
      // Not fatal: the driver extracts the library itself.
    }
  }
}
