package dev.portcullis.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code portcullis} command line ({@code ./portcullis ARGS}) in its own JVM, as a
 * user runs it from a shell: its exit status, standard output and standard error. The JVM is
 * started on the test class path rather than through the launcher script, which would build
 * the jar with Maven in the middle of a Maven build.
 */
public final class PortcullisCli {
  private final Path workingDirectory;
  private final Map<String, String> environment;

  /** Commands run in {@code workingDirectory}, so relative paths resolve as in a shell there. */
  public PortcullisCli(Path workingDirectory) {
    this(workingDirectory, Map.of());
  }

  /** Commands run with {@code environment} added (e.g. a database password variable). */
  public PortcullisCli(Path workingDirectory, Map<String, String> environment) {
    this.workingDirectory = workingDirectory;
    this.environment = Map.copyOf(environment);
  }

  /** The outcome of one command. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** The whole outcome, for a failing assertion's message. */
    public String describe() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /** Runs {@code portcullis args...} and waits (at most two minutes) for it to exit. */
  public Result run(String... args) throws IOException, InterruptedException {
    return run(List.of(args));
  }

  /** Runs {@code portcullis args...} and waits (at most two minutes) for it to exit. */
  public Result run(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.portcullis.server.cli.Main"));
    cmd.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(workingDirectory.toFile());
    builder.environment().putAll(environment);
    Process p = builder.start();
    p.getOutputStream().close();
    // Both streams read at once: a command printing much to one must not block on the other.
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
    String out = text(p.getInputStream());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("portcullis " + String.join(" ", args) + " did not exit");
    }
    return new Result(p.exitValue(), out, err.join());
  }

  private static String text(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
