package dev.portcullis.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * axe-core's script, installed from the npm registry into {@code server/target/axe} ({@code
 * .ci/run} does it: {@code npm install --prefix server/target/axe axe-core@4.10.3}).
 */
final class Axe {
  static final Path SCRIPT = Path.of("target", "axe", "node_modules", "axe-core", "axe.min.js");
  private static String source;

  private Axe() {}

  /** Whether axe-core is installed; without it the accessibility checks are skipped. */
  static boolean available() {
    return Files.isReadable(SCRIPT);
  }

  static synchronized String source() {
    if (source == null) {
      try {
        source = Files.readString(SCRIPT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }
}
